"""The survey service's API: training-needs surveys, their tracking and aggregated
needs, a respondent's form and response."""

from __future__ import annotations

from bangkom.console.adapters.http import ServiceClient


class SurveyApi(ServiceClient):
    pass
