"""What a service's bootstrap hands to the runtime: everything wired, nothing started."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from alembic.config import Config
from fastapi import FastAPI

from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.catalog.base import Topic
from bangkom.platform.db.database import Database
from bangkom.platform.db.uow import UnitOfWork
from bangkom.platform.messaging.consumer import EventHandlers
from bangkom.platform.rpc.server import GrpcService
from bangkom.platform.settings import ServiceSettings


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
    grpc_services: Sequence[GrpcService] = ()
