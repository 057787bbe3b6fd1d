"""The only place that wires the recommendation service together."""

from __future__ import annotations

from pathlib import Path

from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.bus import MessageBus
from bangkom.platform.catalog import topics
from bangkom.platform.db.database import Database
from bangkom.platform.db.migrations import alembic_config
from bangkom.platform.service import Service
from bangkom.recommendation.adapters.tables import metadata
from bangkom.recommendation.adapters.uow import SqlRecommendationUnitOfWork
from bangkom.recommendation.config import RecommendationSettings
from bangkom.recommendation.entrypoints.app import create_api
from bangkom.recommendation.entrypoints.rpc import recommendation_grpc
from bangkom.recommendation.handlers import COMMAND_HANDLERS, EVENT_HANDLERS

MIGRATIONS = Path(__file__).parent / "migrations" / "versions"
TOPICS = (
    topics.ROSTER,
    topics.STANDARDS,
    topics.RESULTS,
    topics.CATALOG,
    topics.GAPS,
    topics.PROPOSALS,
)


def bootstrap(settings: RecommendationSettings | None = None) -> Service:
    settings = settings or RecommendationSettings()
    database = Database(settings.database_url, pool_size=settings.database_pool_size)
    verifier = TokenVerifier(settings)

    def uow_factory() -> SqlRecommendationUnitOfWork:
        return SqlRecommendationUnitOfWork(database)

    return Service(
        settings=settings,
        database=database,
        migrations=alembic_config(settings.database_url, metadata, MIGRATIONS),
        verifier=verifier,
        app=create_api(MessageBus(uow_factory, COMMAND_HANDLERS), verifier),
        uow_factory=uow_factory,
        topics=TOPICS,
        event_handlers=EVENT_HANDLERS,
        grpc_services=[recommendation_grpc(uow_factory)],
    )
