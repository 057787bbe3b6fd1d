"""The only place that wires the recommendation service together."""

from __future__ import annotations

from pathlib import Path

from bangkom.platform.catalog import topics
from bangkom.platform.service import Service, assemble_service
from bangkom.recommendation.adapters.tables import metadata
from bangkom.recommendation.adapters.uow import SqlRecommendationUnitOfWork
from bangkom.recommendation.config import RecommendationSettings
from bangkom.recommendation.entrypoints.app import create_api
from bangkom.recommendation.entrypoints.rpc import recommendation_grpc
from bangkom.recommendation.handlers import COMMAND_HANDLERS, EVENT_HANDLERS

MIGRATIONS = Path(__file__).parent / "migrations" / "versions"


def bootstrap(settings: RecommendationSettings | None = None) -> Service:
    return assemble_service(
        settings or RecommendationSettings(),
        metadata=metadata,
        versions_dir=MIGRATIONS,
        unit_of_work=SqlRecommendationUnitOfWork,
        api=create_api,
        command_handlers=COMMAND_HANDLERS,
        event_handlers=EVENT_HANDLERS,
        topics=(
            topics.ROSTER,
            topics.STANDARDS,
            topics.RESULTS,
            topics.CATALOG,
            topics.GAPS,
            topics.PROPOSALS,
        ),
        grpc=[recommendation_grpc],
    )
