"""The services' REST APIs, called with the signed-in person's bearer token: one
object the pages ask, made of a part per service."""

from __future__ import annotations

from bangkom.console.adapters.evaluation import EvaluationApi
from bangkom.console.adapters.personal_data import PersonalDataApi
from bangkom.console.adapters.recommendation import RecommendationApi
from bangkom.console.adapters.survey import SurveyApi
from bangkom.console.adapters.training import TrainingApi


class HttpApis(EvaluationApi, TrainingApi, SurveyApi, RecommendationApi, PersonalDataApi):
    pass
