"""An evaluation service on fakes (``world``): the framework seeded from its
configuration data, a city with one agency, ready for positions and employees; and the
service itself on SQLite behind its REST API (``service``, ``client``, ``admin``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bangkom.evaluation.adapters.framework_file import seed_command
from bangkom.evaluation.bootstrap import bootstrap, build_bus
from bangkom.evaluation.config import EvaluationSettings
from bangkom.evaluation.domain.agency import AgencyKind
from bangkom.evaluation.domain.framework import PositionType
from bangkom.evaluation.domain.model import Employee, Position
from bangkom.evaluation.handlers import commands
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.platform.auth import Role
from bangkom.platform.bus import MessageBus
from bangkom.platform.service import Service
from tests import factories
from tests.apps import asgi_client, bearer, on_sqlite
from tests.unit.evaluation.fakes import FakeEvaluationUnitOfWork

PROVINCE, CITY = "12", "12.73"


@dataclass
class World:
    uow: FakeEvaluationUnitOfWork
    bus: MessageBus[EvaluationUnitOfWork]

    async def agency(self, segment: str | None = None) -> str:
        code = f"{CITY}.{segment or factories.agency_code().rsplit('.', 1)[-1]}"
        await self.bus.handle(
            commands.DefineAgency(
                caller=factories.admin(),
                code=code,
                name=f"Dinas {code}",
                kind=AgencyKind.AGENCY,
                parent_code=CITY,
            )
        )
        return code

    async def position(
        self,
        agency: str,
        position_type: PositionType = PositionType.PENGAWAS,
        overrides: dict[str, int] | None = None,
        technical: dict[str, int] | None = None,
        code: str | None = None,
    ) -> Position:
        position: Position = await self.bus.handle(
            commands.DefinePosition(
                caller=factories.admin(),
                code=code or f"{agency}-{position_type.value}",
                name=f"Jabatan {position_type.value}",
                agency_code=agency,
                position_type=position_type,
                overrides=overrides or {},
                technical=technical or {},
            )
        )
        return position

    async def employee(self, agency: str, position: Position | None = None) -> Employee:
        position = position or await self.position(agency)
        employee: Employee = await self.bus.handle(
            commands.RegisterEmployee(
                caller=factories.admin(),
                nip=factories.nip(),
                name="Rina Siregar",
                agency_code=agency,
                position_code=position.code,
            )
        )
        return employee


@pytest.fixture
async def world() -> World:
    uow = FakeEvaluationUnitOfWork()
    bus = build_bus(lambda: uow)
    await bus.handle(seed_command())
    for code, kind, parent in (
        (PROVINCE, AgencyKind.PROVINCE, None),
        (CITY, AgencyKind.CITY, PROVINCE),
    ):
        await bus.handle(
            commands.DefineAgency(
                caller=factories.admin(), code=code, name=code, kind=kind, parent_code=parent
            )
        )
    uow.published.clear()
    return World(uow, bus)


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    async with on_sqlite(bootstrap, EvaluationSettings, tmp_path) as service:
        yield service


@pytest.fixture
async def client(service: Service) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(service) as client:
        yield client


@pytest.fixture
def admin(service: Service) -> dict[str, str]:
    return bearer(service, Role.PROVINCE_ADMIN)
