"""The only place that wires the training service together."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from bangkom.platform.bus import MessageBus
from bangkom.platform.catalog import topics
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.service import Service, assemble_service
from bangkom.training.adapters.tables import metadata
from bangkom.training.adapters.uow import SqlTrainingUnitOfWork
from bangkom.training.adapters.xapi import statements_about
from bangkom.training.config import TrainingSettings
from bangkom.training.entrypoints.app import create_api
from bangkom.training.entrypoints.rpc import training_grpc
from bangkom.training.entrypoints.schedule import compliance_worker, placement_worker
from bangkom.training.entrypoints.xapi_pull import LrsSource, XapiPull, xapi_pull_worker
from bangkom.training.handlers import command_handlers, event_handlers
from bangkom.training.handlers.ports import TrainingUnitOfWork

MIGRATIONS = Path(__file__).parent / "migrations" / "versions"

PUBLISHED = (
    topics.CATALOG,
    topics.SESSIONS,
    topics.ENROLMENTS,
    topics.COMPLETIONS,
    topics.COMPLIANCE,
    topics.TRAINING_AUDIT,
)
CONSUMED = (topics.ROSTER, topics.PROPOSALS, topics.NEEDS)


def build_bus(
    uow_factory: Callable[[], TrainingUnitOfWork], clock: Clock = utc_now
) -> MessageBus[TrainingUnitOfWork]:
    return MessageBus(uow_factory, command_handlers(clock))


def bootstrap(settings: TrainingSettings | None = None, *, clock: Clock = utc_now) -> Service:
    """``clock`` is "now" for every handler and query (tests pin it)."""
    settings = settings or TrainingSettings()
    workers = [
        (
            "compliance-check",
            lambda uow_factory: compliance_worker(
                build_bus(uow_factory, clock), at=settings.compliance_check_at, clock=clock
            ),
        ),
        (
            "placement",
            lambda uow_factory: placement_worker(
                build_bus(uow_factory, clock), every_s=settings.placement_interval_s
            ),
        ),
    ]
    if settings.xapi_pull_url is not None:
        source = LrsSource(
            url=settings.xapi_pull_url,
            username=settings.xapi_pull_username,
            password=settings.xapi_pull_password.get_secret_value(),
            platform_code=settings.xapi_pull_platform,
            page_size=settings.xapi_pull_page_size,
        )
        workers.append(
            (
                "xapi-pull",
                lambda uow_factory: xapi_pull_worker(
                    XapiPull(build_bus(uow_factory, clock), source, clock=clock),
                    every_s=settings.xapi_pull_interval_s,
                ),
            )
        )
    return assemble_service(
        settings,
        metadata=metadata,
        versions_dir=MIGRATIONS,
        unit_of_work=SqlTrainingUnitOfWork,
        api=partial(create_api, clock=clock),
        command_handlers=command_handlers(clock),
        event_handlers=event_handlers(clock),
        topics=PUBLISHED + CONSUMED,
        grpc=[training_grpc],
        workers=workers,
        # A statement names its actor by an account or a mailbox, not a NIP column.
        personal_rows_without_nip={"xapi_statement": statements_about},
    )
