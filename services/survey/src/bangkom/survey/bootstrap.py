"""The only place that wires the survey service together."""

from __future__ import annotations

from pathlib import Path

from bangkom.platform.catalog import topics
from bangkom.platform.service import Service, assemble_service
from bangkom.survey.adapters.tables import metadata
from bangkom.survey.adapters.uow import SqlSurveyUnitOfWork
from bangkom.survey.config import SurveySettings
from bangkom.survey.entrypoints.app import create_api
from bangkom.survey.handlers import COMMAND_HANDLERS, EVENT_HANDLERS

MIGRATIONS = Path(__file__).parent / "migrations" / "versions"


def bootstrap(settings: SurveySettings | None = None) -> Service:
    return assemble_service(
        settings or SurveySettings(),
        metadata=metadata,
        versions_dir=MIGRATIONS,
        unit_of_work=SqlSurveyUnitOfWork,
        api=create_api,
        command_handlers=COMMAND_HANDLERS,
        event_handlers=EVENT_HANDLERS,
        topics=(
            topics.ROSTER,
            topics.STANDARDS,
            topics.FRAMEWORK,
            topics.SURVEYS,
            topics.NEEDS,
            topics.SURVEY_AUDIT,
        ),
    )
