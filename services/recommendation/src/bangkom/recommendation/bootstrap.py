"""The only place that wires the recommendation service together."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from pathlib import Path

from bangkom.platform.catalog import topics
from bangkom.platform.db.database import Database
from bangkom.platform.inject import inject_all
from bangkom.platform.messaging.consumer import BatchHooks
from bangkom.platform.messaging.replay import Progress, ReplayReport, replay
from bangkom.platform.observability.logs import get_logger
from bangkom.platform.service import Service, assemble_service
from bangkom.recommendation.adapters.rebuild import clear_read_models
from bangkom.recommendation.adapters.tables import metadata
from bangkom.recommendation.adapters.uow import SqlRecommendationUnitOfWork
from bangkom.recommendation.adapters.views import SqlEmployeeViews
from bangkom.recommendation.config import RecommendationSettings
from bangkom.recommendation.domain.satisfaction_did import TrainingMapping
from bangkom.recommendation.entrypoints.app import create_api
from bangkom.recommendation.entrypoints.rpc import recommendation_grpc
from bangkom.recommendation.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from bangkom.recommendation.handlers.recalculation import (
    Policy,
    defer_recalculations,
    recalculate_deferred,
)
from bangkom.recommendation.handlers.workers import (
    expiry_worker,
    recalculate_batch,
    recalculation_worker,
    summary_worker,
)

log = get_logger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations" / "versions"


def policy_of(settings: RecommendationSettings) -> Policy:
    return Policy(
        jp_budget=settings.proposal_jp_budget,
        proposal_ttl=timedelta(days=settings.proposal_ttl_days),
    )


def batch_hooks(policy: Policy) -> BatchHooks:
    """A batch of events loads its employees at once and recalculates each of them once."""
    return BatchHooks(
        before=defer_recalculations, after=partial(recalculate_deferred, policy=policy)
    )


def bootstrap(settings: RecommendationSettings | None = None) -> Service:
    settings = settings or RecommendationSettings()
    policy = policy_of(settings)
    database = Database(settings.database_url, pool_size=settings.database_pool_size)
    views = SqlEmployeeViews(database)
    return assemble_service(
        settings,
        database=database,
        metadata=metadata,
        versions_dir=MIGRATIONS,
        unit_of_work=SqlRecommendationUnitOfWork,
        api=partial(
            create_api,
            views=views,
            training_mapping=TrainingMapping(
                tuple(settings.satisfaction_competencies), settings.satisfaction_trained_share
            ),
        ),
        command_handlers=COMMAND_HANDLERS,
        event_handlers=inject_all(EVENT_HANDLERS, {"policy": policy}),
        batch_hooks=batch_hooks(policy),
        topics=(
            topics.ROSTER,
            topics.STANDARDS,
            topics.RESULTS,
            topics.CATALOG,
            topics.NEEDS,
            topics.ENROLMENTS,
            topics.COMPLETIONS,
            topics.GAPS,
            topics.PROPOSALS,
            topics.PUBLIC_SATISFACTION,
            topics.DEVELOPMENT_PLANS,
            topics.RECOMMENDATION_AUDIT,
        ),
        grpc=[partial(recommendation_grpc, views=views)],
        workers=[
            (
                "recalculation",
                lambda uow_factory: recalculation_worker(
                    uow_factory, batch_size=settings.recalculation_batch_size, policy=policy
                ),
            ),
            ("proposal-expiry", lambda uow_factory: expiry_worker(uow_factory, policy=policy)),
            ("analytics-summaries", summary_worker),
        ],
    )


async def rebuild_read_models(
    settings: RecommendationSettings, progress: Progress | None = None
) -> ReplayReport:
    """Empty the read models and replay every consumed topic into them (service stopped)."""
    service = bootstrap(settings)
    replaying = Policy(propose=False)
    database = service.database
    try:
        await service.prepare()
        await clear_read_models(database.engine)

        def uow_factory() -> SqlRecommendationUnitOfWork:
            return SqlRecommendationUnitOfWork(database, publish_events=False)

        report = await replay(
            settings,
            inject_all(EVENT_HANDLERS, {"policy": replaying}),
            uow_factory,
            hooks=batch_hooks(replaying),
            progress=progress,
        )
        batch = settings.recalculation_batch_size
        while await recalculate_batch(uow_factory, batch_size=batch, policy=replaying):
            pass
        log.info("replay recalculated the queued employees")
        return report
    finally:
        await database.dispose()
