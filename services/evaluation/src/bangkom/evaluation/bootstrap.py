"""The only place that wires the evaluation service together."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bangkom.evaluation.adapters.tables import metadata
from bangkom.evaluation.adapters.uow import SqlEvaluationUnitOfWork
from bangkom.evaluation.config import EvaluationSettings
from bangkom.evaluation.entrypoints.app import create_api
from bangkom.evaluation.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.bus import MessageBus
from bangkom.platform.catalog import topics
from bangkom.platform.db.database import Database
from bangkom.platform.db.migrations import alembic_config
from bangkom.platform.service import Service

MIGRATIONS = Path(__file__).parent / "migrations" / "versions"
TOPICS = (topics.ROSTER, topics.STANDARDS, topics.RESULTS)


def build_bus(uow_factory: Callable[[], EvaluationUnitOfWork]) -> MessageBus[EvaluationUnitOfWork]:
    return MessageBus(uow_factory, COMMAND_HANDLERS)


def bootstrap(settings: EvaluationSettings | None = None) -> Service:
    settings = settings or EvaluationSettings()
    database = Database(settings.database_url, pool_size=settings.database_pool_size)
    verifier = TokenVerifier(settings)

    def uow_factory() -> SqlEvaluationUnitOfWork:
        return SqlEvaluationUnitOfWork(database)

    return Service(
        settings=settings,
        database=database,
        migrations=alembic_config(settings.database_url, metadata, MIGRATIONS),
        verifier=verifier,
        app=create_api(build_bus(uow_factory), verifier),
        uow_factory=uow_factory,
        topics=TOPICS,
        event_handlers=EVENT_HANDLERS,
    )
