"""Commands the survey service accepts (imperative names)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bangkom.platform.auth import Caller
from bangkom.survey.domain.responses import CompetencyAnswer
from bangkom.survey.domain.satisfaction import Element
from bangkom.survey.domain.surveys import Campaign


@dataclass(frozen=True)
class PlanSurvey:
    caller: Caller
    campaign: Campaign


@dataclass(frozen=True)
class ReviseSurvey:
    caller: Caller
    survey_id: str
    campaign: Campaign


@dataclass(frozen=True)
class OpenSurvey:
    caller: Caller
    survey_id: str


@dataclass(frozen=True)
class CloseSurvey:
    caller: Caller
    survey_id: str


@dataclass(frozen=True)
class IncludeRespondent:
    """Add a late joiner (or bring back an excluded respondent) while the survey is open."""

    caller: Caller
    survey_id: str
    nip: str


@dataclass(frozen=True)
class ExcludeRespondent:
    caller: Caller
    survey_id: str
    nip: str
    reason: str


@dataclass(frozen=True)
class SubmitResponse:
    caller: Caller
    survey_id: str
    nip: str
    answers: tuple[CompetencyAnswer, ...]
    extra_answers: dict[str, int | str]
    comment: str | None = None


@dataclass(frozen=True)
class RateSubordinate:
    caller: Caller
    survey_id: str
    nip: str  # the subordinate
    levels: tuple[tuple[str, int], ...]
    note: str | None = None


@dataclass(frozen=True)
class OpenSatisfactionPeriod:
    caller: Caller
    unit_code: str
    label: str
    population: int


@dataclass(frozen=True)
class CloseSatisfactionPeriod:
    caller: Caller
    period_id: str


@dataclass(frozen=True)
class SubmitPublicAnswer:
    """A member of the public's answers (no account, no caller)."""

    period_id: str
    submission_id: str
    ratings: Mapping[Element, int]
    respondent: Mapping[str, str]
    suggestion: str
