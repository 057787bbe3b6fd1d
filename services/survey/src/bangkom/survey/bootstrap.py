"""The only place that wires the survey service together."""

from __future__ import annotations

from pathlib import Path

from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.bus import MessageBus
from bangkom.platform.catalog import topics
from bangkom.platform.db.database import Database
from bangkom.platform.db.migrations import alembic_config
from bangkom.platform.service import Service
from bangkom.survey.adapters.tables import metadata
from bangkom.survey.adapters.uow import SqlSurveyUnitOfWork
from bangkom.survey.config import SurveySettings
from bangkom.survey.entrypoints.app import create_api
from bangkom.survey.handlers import COMMAND_HANDLERS, EVENT_HANDLERS

MIGRATIONS = Path(__file__).parent / "migrations" / "versions"
TOPICS = (topics.ROSTER,)


def bootstrap(settings: SurveySettings | None = None) -> Service:
    settings = settings or SurveySettings()
    database = Database(settings.database_url, pool_size=settings.database_pool_size)
    verifier = TokenVerifier(settings)

    def uow_factory() -> SqlSurveyUnitOfWork:
        return SqlSurveyUnitOfWork(database)

    return Service(
        settings=settings,
        database=database,
        migrations=alembic_config(settings.database_url, metadata, MIGRATIONS),
        verifier=verifier,
        app=create_api(MessageBus(uow_factory, COMMAND_HANDLERS), verifier),
        uow_factory=uow_factory,
        topics=TOPICS,
        event_handlers=EVENT_HANDLERS,
    )
