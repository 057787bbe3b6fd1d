"""The only place that wires the survey service together."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from bangkom.platform.catalog import topics
from bangkom.platform.service import Service, assemble_service
from bangkom.survey.adapters.tables import metadata
from bangkom.survey.adapters.uow import SqlSurveyUnitOfWork
from bangkom.survey.config import SurveySettings
from bangkom.survey.entrypoints.app import create_api
from bangkom.survey.entrypoints.rpc import survey_grpc
from bangkom.survey.handlers import COMMAND_HANDLERS, EVENT_HANDLERS

MIGRATIONS = Path(__file__).parent / "migrations" / "versions"


def bootstrap(settings: SurveySettings | None = None) -> Service:
    settings = settings or SurveySettings()
    return assemble_service(
        settings,
        metadata=metadata,
        versions_dir=MIGRATIONS,
        unit_of_work=SqlSurveyUnitOfWork,
        api=partial(create_api, public_answers_per_minute=settings.public_answers_per_minute),
        command_handlers=COMMAND_HANDLERS,
        event_handlers=EVENT_HANDLERS,
        topics=(
            topics.AGENCIES,
            topics.ROSTER,
            topics.STANDARDS,
            topics.FRAMEWORK,
            topics.SURVEYS,
            topics.NEEDS,
            topics.PUBLIC_SATISFACTION,
            topics.SURVEY_AUDIT,
        ),
        grpc=[survey_grpc],
    )
