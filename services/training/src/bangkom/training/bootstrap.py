"""The only place that wires the training service together."""

from __future__ import annotations

from pathlib import Path

from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.bus import MessageBus
from bangkom.platform.catalog import topics
from bangkom.platform.db.database import Database
from bangkom.platform.db.migrations import alembic_config
from bangkom.platform.service import Service
from bangkom.training.adapters.tables import metadata
from bangkom.training.adapters.uow import SqlTrainingUnitOfWork
from bangkom.training.config import TrainingSettings
from bangkom.training.entrypoints.app import create_api
from bangkom.training.handlers import COMMAND_HANDLERS, EVENT_HANDLERS

MIGRATIONS = Path(__file__).parent / "migrations" / "versions"
TOPICS = (topics.CATALOG,)


def bootstrap(settings: TrainingSettings | None = None) -> Service:
    settings = settings or TrainingSettings()
    database = Database(settings.database_url, pool_size=settings.database_pool_size)
    verifier = TokenVerifier(settings)

    def uow_factory() -> SqlTrainingUnitOfWork:
        return SqlTrainingUnitOfWork(database)

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
