"""The only place that wires the career service together."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from bangkom.career.adapters.tables import metadata
from bangkom.career.adapters.uow import SqlCareerUnitOfWork
from bangkom.career.config import CareerSettings
from bangkom.career.domain.potential import PotentialRule
from bangkom.career.domain.readiness import ReadinessRule
from bangkom.career.entrypoints.app import create_api
from bangkom.career.entrypoints.rpc import career_grpc
from bangkom.career.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from bangkom.career.handlers.policy import Policy
from bangkom.career.handlers.talent import settle, start_batch
from bangkom.platform.catalog import topics
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.inject import inject, inject_all
from bangkom.platform.messaging.consumer import BatchHooks
from bangkom.platform.service import Service, assemble_service

MIGRATIONS = Path(__file__).parent / "migrations" / "versions"


def policy_of(settings: CareerSettings) -> Policy:
    return Policy(
        readiness=ReadinessRule(settings.ready_now_from, settings.ready_soon_from),
        potential=PotentialRule(
            target_step=settings.potential_target_step,
            assessment_weight=settings.potential_assessment_weight,
            high_from=settings.potential_high_from,
            medium_from=settings.potential_medium_from,
        ),
        min_years_in_position=settings.candidate_min_years_in_position,
        plan_jp_budget=settings.plan_jp_budget,
    )


def batch_hooks(policy: Policy, clock: Clock) -> BatchHooks:
    """The events of a transaction mark whom they touch; each employee is placed once
    and each affected pool refreshed once, before the commit."""
    return BatchHooks(before=start_batch, after=partial(settle, policy=policy, clock=clock))


def bootstrap(settings: CareerSettings | None = None, clock: Clock = utc_now) -> Service:
    settings = settings or CareerSettings()
    policy = policy_of(settings)
    dependencies = {"policy": policy, "clock": clock}
    return assemble_service(
        settings,
        metadata=metadata,
        versions_dir=MIGRATIONS,
        unit_of_work=SqlCareerUnitOfWork,
        api=partial(create_api, policy=policy, clock=clock),
        command_handlers={kind: inject(h, dependencies) for kind, h in COMMAND_HANDLERS.items()},
        event_handlers=inject_all(EVENT_HANDLERS, dependencies),
        batch_hooks=batch_hooks(policy, clock),
        topics=(
            topics.ROSTER,
            topics.STANDARDS,
            topics.RESULTS,
            topics.CATALOG,
            topics.COMPLETIONS,
            topics.PROPOSALS,
            topics.RATINGS,
            topics.TALENT,
            topics.SUCCESSION,
            topics.DEVELOPMENT_PLANS,
            topics.CAREER_AUDIT,
        ),
        grpc=[partial(career_grpc, policy=policy, clock=clock)],
    )
