"""What a service's bootstrap hands to the runtime: everything wired, nothing started."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from alembic.config import Config
from fastapi import FastAPI
from sqlalchemy import MetaData

from bangkom.platform.audit.retention import retention_worker
from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.bus import CommandHandler, MessageBus
from bangkom.platform.catalog.base import Topic
from bangkom.platform.db.database import Database
from bangkom.platform.db.migrations import alembic_config, upgrade
from bangkom.platform.db.uow import UnitOfWork
from bangkom.platform.messaging.consumer import BatchHooks, EventHandlers
from bangkom.platform.rpc.server import GrpcService
from bangkom.platform.settings import ServiceSettings
from bangkom.platform.web.limits import BodySizeLimit
from bangkom.platform.web.personal_data import RowsAbout, personal_tables
from bangkom.platform.workers import Worker

U = TypeVar("U", bound=UnitOfWork)


@dataclass
class Service:
    settings: ServiceSettings
    database: Database
    migrations: Config
    verifier: TokenVerifier
    app: FastAPI
    uow_factory: Callable[[], UnitOfWork]
    topics: Sequence[Topic]
    event_handlers: EventHandlers = field(default_factory=dict)
    batch_hooks: BatchHooks | None = None
    grpc_services: Sequence[GrpcService] = ()
    startup: Callable[[], Awaitable[None]] | None = None
    # Background work of the service (e.g. batched recalculations), run until stopped.
    workers: Sequence[tuple[str, Worker]] = ()

    async def prepare(self) -> None:
        """Migrate the database, then run the service's start-up step (e.g. seed data)."""
        await upgrade(self.database.engine, self.migrations)
        if self.startup is not None:
            await self.startup()


def assemble_service(
    settings: ServiceSettings,
    *,
    metadata: MetaData,
    versions_dir: Path,
    unit_of_work: Callable[[Database], U],
    api: Callable[[MessageBus[U], TokenVerifier], FastAPI],
    command_handlers: Mapping[type, CommandHandler],
    event_handlers: EventHandlers,
    topics: Sequence[Topic],
    batch_hooks: BatchHooks | None = None,
    grpc: Sequence[Callable[[MessageBus[U]], GrpcService]] = (),
    startup: Callable[[MessageBus[U]], Awaitable[None]] | None = None,
    workers: Sequence[tuple[str, Callable[[Callable[[], U]], Worker]]] = (),
    database: Database | None = None,
    personal_rows_without_nip: Mapping[str, RowsAbout] | None = None,
) -> Service:
    """Wire one service the way every service is wired; connects to nothing. ``database``:
    when the bootstrap needs the handle for more than the unit of work (made here
    otherwise). Request bodies of its API are limited to the sizes the settings give.
    ``personal_rows_without_nip``: by table name, the tables holding rows about an
    employee that name them other than by a ``nip`` column, and how to find those rows
    (GET /personal-data/{nip} reads them beside every table with one)."""
    database = database or Database(settings.database_url, pool_size=settings.database_pool_size)
    verifier = TokenVerifier(settings)

    def uow_factory() -> U:
        return unit_of_work(database)

    bus: MessageBus[U] = MessageBus(uow_factory, command_handlers)
    app = api(bus, verifier)
    app.state.database = database
    app.state.service_name = settings.service_name
    app.state.personal_tables = personal_tables(metadata, personal_rows_without_nip)
    app.add_middleware(
        BodySizeLimit,
        body_bytes=settings.http_max_body_bytes,
        upload_bytes=settings.http_max_upload_bytes,
    )
    return Service(
        settings=settings,
        database=database,
        migrations=alembic_config(settings.database_url, metadata, versions_dir),
        verifier=verifier,
        app=app,
        uow_factory=uow_factory,
        topics=topics,
        event_handlers=event_handlers,
        batch_hooks=batch_hooks,
        grpc_services=[make(bus) for make in grpc],
        startup=(lambda: startup(bus)) if startup is not None else None,
        workers=[
            *((name, make(uow_factory)) for name, make in workers),
            (
                "audit-retention",
                retention_worker(database, timedelta(days=settings.audit_retention_days)),
            ),
        ],
    )
