"""The world the analytics and report tests of recommendation read: the read models
filled by the service's own event handlers (in business-time order, all in 2024) on a
fresh PostgreSQL database or a SQLite file, read over REST as an administrator,
operators and an employee.

The data set (standard P.A: M.01 3, M.05 3; P.B: M.01 3, M.05 2):

    employee  agency               levels now (M.01, M.05)  notes
    A1        12.73.DINKES         3, 2                     M.05 was 1 until 1 June
    A2        12.73.DINKES.P2P     2, -                     M.01 assessed on 15 April
    A3        12.73.DISDIK         4, 3
    A4        12.73.DISDIK         -, -                     never assessed
    B1        12.71.BKPSDM         2, 2                     standard P.B
    X         12.73.DINKES         1, -                     left on 1 July
    P         12.73.DISDIK         (no standard)            PPPK

Every expected figure of the tests is worked out by hand from this table.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.catalog import (
    CompletionRecorded,
    CourseUpdated,
    EmployeeUpdated,
    ResultRecorded,
    StandardPublished,
)
from bangkom.platform.catalog.base import Event
from bangkom.platform.catalog.evaluation import StandardLevel
from bangkom.platform.catalog.training import CourseCompetency
from bangkom.platform.service import Service
from bangkom.recommendation.bootstrap import bootstrap
from bangkom.recommendation.config import RecommendationSettings
from bangkom.recommendation.domain.analytics import WIB
from tests import factories
from tests.infra import a_database

DINKES, P2P, DISDIK, BKPSDM = "12.73.DINKES", "12.73.DINKES.P2P", "12.73.DISDIK", "12.71.BKPSDM"
NAMES = {"M.01": "Integritas", "M.05": "Pelayanan Publik"}
PROVIDER = "BPSDM Provinsi Sumatera Utara"


def on(month: int, day: int, year: int = 2024) -> datetime:
    """Ten in the morning, WIB."""
    return datetime(year, month, day, 10, tzinfo=WIB)


@dataclass(frozen=True)
class People:
    a1: str
    a2: str
    a3: str
    a4: str
    b1: str
    x: str
    p: str


def _standard(position: str, agency: str, m01: int, m05: int) -> StandardPublished:
    return StandardPublished(
        position_code=position,
        position_name="Analis",
        agency_code=agency,
        version=1,
        levels=[
            StandardLevel(competency_code=c, competency_name=NAMES[c], required_level=level)
            for c, level in (("M.01", m01), ("M.05", m05))
        ],
        published_at=on(12, 1, 2023),
    )


def _course(code: str, competency: str, provider: str) -> CourseUpdated:
    return CourseUpdated(
        course_code=code,
        title=f"Pelatihan {NAMES[competency]}",
        competencies=[
            CourseCompetency(competency_code=competency, level_from=1, level_to=4),
        ],
        jp=24,
        mode="klasikal",
        provider=provider,
        cost=0,
        status="published",
        changed_at=on(12, 1, 2023),
    )


def _employee(nip: str, agency: str, position: str, *, active: bool = True) -> EmployeeUpdated:
    return EmployeeUpdated(
        nip=nip,
        name="Pegawai",
        employment_type="PPPK" if nip[12:14] == "21" else "PNS",
        agency_code=agency,
        position_code=position,
        active=active,
        changed_at=on(7, 1) if not active else on(1, 5),
    )


def _result(
    nip: str, agency: str, competency: str, level: int, at: datetime, *, self_assessed: bool = False
) -> ResultRecorded:
    return factories.result_recorded(
        nip=nip,
        agency_code=agency,
        competency_code=competency,
        level=level,
        evaluated_at=at,
        method="self" if self_assessed else "assessment_center",
        method_rank=1 if self_assessed else 6,
    )


def _completion(
    nip: str,
    agency: str,
    course: str | None,
    competency: str | None,
    jp: int,
    at: datetime,
    outcome: str = "passed",
) -> CompletionRecorded:
    return CompletionRecorded.model_validate(
        {
            "completion_id": f"c-{nip}-{course}-{at.date().isoformat()}",
            "nip": nip,
            "agency_code": agency,
            "course_code": course,
            "outcome": outcome,
            "jp": jp,
            "mode": "klasikal",
            "competencies": (
                [{"competency_code": competency, "level_from": 1, "level_to": 4}]
                if competency
                else []
            ),
            "source": "session" if course else "certificate",
            "completed_at": at,
        }
    )


def history(people: People) -> list[Event]:
    """What the other services published, in business-time order."""
    a1, a2, a3, a4, b1, x, p = (
        people.a1,
        people.a2,
        people.a3,
        people.a4,
        people.b1,
        people.x,
        people.p,
    )
    return [
        _standard("P.A", "12.73", m01=3, m05=3),
        _standard("P.B", BKPSDM, m01=3, m05=2),
        _course("PP-01", "M.05", PROVIDER),
        _course("K-02", "M.01", "LAN"),
        _completion(a4, DISDIK, None, None, 15, on(12, 20, 2023)),  # last year's JP
        _employee(a1, DINKES, "P.A"),
        _employee(a2, P2P, "P.A"),
        _employee(a3, DISDIK, "P.A"),
        _employee(a4, DISDIK, "P.A"),
        _employee(b1, BKPSDM, "P.B"),
        _employee(x, DINKES, "P.A"),
        _employee(p, DISDIK, "P.NONE"),
        _result(b1, BKPSDM, "M.05", 2, on(1, 10)),
        _result(x, DINKES, "M.01", 1, on(1, 12)),
        _result(a1, DINKES, "M.01", 3, on(1, 15)),
        _result(a1, DINKES, "M.05", 1, on(1, 15)),
        _result(a3, DISDIK, "M.01", 4, on(1, 20)),
        _result(a3, DISDIK, "M.05", 3, on(1, 20)),
        _result(b1, BKPSDM, "M.01", 2, on(1, 25)),
        _completion(b1, BKPSDM, "PP-01", "M.05", 20, on(2, 1)),
        # A later self-assessment does not outrank the assessment centre of the year.
        _result(a1, DINKES, "M.05", 3, on(2, 10), self_assessed=True),
        _completion(a1, DINKES, "PP-01", "M.05", 24, on(3, 1)),
        _completion(a2, P2P, "PP-01", "M.05", 8, on(4, 1), outcome="attended"),
        _result(a2, P2P, "M.01", 2, on(4, 15)),
        _completion(a2, P2P, "K-02", "M.01", 10, on(4, 20), outcome="failed"),
        _completion(a3, DISDIK, "K-02", "M.01", 12, on(5, 1)),
        _result(a1, DINKES, "M.05", 2, on(6, 1)),
        _employee(x, DINKES, "P.A", active=False),
        _result(a3, DISDIK, "M.01", 4, on(8, 1)),
    ]


@dataclass
class Analytics:
    service: Service
    people: People
    http: httpx.AsyncClient

    def auth(
        self, *roles: Role, agencies: list[str] | None = None, nip: str | None = None
    ) -> dict[str, str]:
        token = mint_dev_token(
            self.service.settings, subject="it", roles=list(roles), agencies=agencies, nip=nip
        )
        return {"Authorization": f"Bearer {token}"}

    @property
    def admin(self) -> dict[str, str]:
        return self.auth(Role.PROVINCE_ADMIN)

    def operator(self, *agencies: str) -> dict[str, str]:
        return self.auth(Role.AGENCY_OPERATOR, agencies=list(agencies))

    async def get(
        self, path: str, headers: dict[str, str], status: int = 200, **params: Any
    ) -> Any:
        response = await self.http.get(path, headers=headers, params=params)
        assert response.status_code == status, response.text
        return response.json()


async def _apply(service: Service, events: list[Event]) -> None:
    """Each event through the service's handlers in its own transaction, as the consumer
    would (without Kafka)."""
    for event in events:
        async with service.uow_factory() as uow:
            for handler in service.event_handlers[type(event)]:
                await handler(event, uow)
            await uow.commit()


@asynccontextmanager
async def open_world(backend: str, tmp: Path) -> AsyncIterator[Analytics]:
    """The service on ``backend`` ("postgresql" or "sqlite") with the history applied."""
    async with a_database(backend, tmp) as url:
        service = bootstrap(
            RecommendationSettings(database_url=url, auth_dev_key_file=tmp / "dev.pem")
        )
        try:
            await service.prepare()
            people = People(
                a1=factories.nip(),
                a2=factories.nip(),
                a3=factories.nip(),
                a4=factories.nip(),
                b1=factories.nip(),
                x=factories.nip(),
                p=factories.nip(pppk=True),
            )
            await _apply(service, history(people))
            transport = httpx.ASGITransport(app=service.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://rec") as http:
                yield Analytics(service, people, http)
        finally:
            await service.database.dispose()
