"""A survey service on an embedded SQLite database with a small roster, standards and
dictionary loaded through its own event handlers (no Kafka: events stay in the outbox)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.catalog.base import Event
from bangkom.platform.db.messaging import outbox
from bangkom.platform.db.migrations import upgrade
from bangkom.platform.service import Service
from bangkom.survey.bootstrap import bootstrap
from bangkom.survey.config import SurveySettings
from bangkom.survey.handlers import EVENT_HANDLERS
from tests import factories
from tests.unit.survey import builders

Headers = dict[str, str]


@dataclass
class World:
    """Agency A (with unit A.PK) and agency B. In A, the kasubbag supervises two analysts
    (one in the unit); B has one analyst."""

    service: Service
    http: httpx.AsyncClient
    agency_a: str
    agency_b: str
    kasubbag: str
    analyst: str
    unit_analyst: str
    outsider: str

    @property
    def unit_a(self) -> str:
        return f"{self.agency_a}.PK"

    def token(
        self,
        *roles: Role,
        agencies: list[str] | None = None,
        nip: str | None = None,
        subject: str = "admin",
    ) -> Headers:
        token = mint_dev_token(
            self.service.settings,
            subject=nip or subject,
            roles=list(roles),
            agencies=agencies,
            nip=nip,
        )
        return {"Authorization": f"Bearer {token}"}

    @property
    def admin(self) -> Headers:
        return self.token(Role.PROVINCE_ADMIN)

    def operator(self, *agencies: str) -> Headers:
        return self.token(
            Role.AGENCY_OPERATOR, agencies=list(agencies), subject=f"operator-{agencies[0]}"
        )

    def employee(self, nip: str) -> Headers:
        return self.token(Role.EMPLOYEE, nip=nip)

    async def consume(self, *events: Event) -> None:
        for event in events:
            async with self.service.uow_factory() as uow:
                for handler in EVENT_HANDLERS[type(event)]:
                    await handler(event, uow)
                await uow.commit()

    async def published(self, event_type: str) -> list[dict[str, Any]]:
        async with self.service.database.engine.connect() as connection:
            rows = await connection.execute(
                select(outbox.c.data).where(outbox.c.type == event_type).order_by(outbox.c.seq)
            )
            return [json.loads(data) for (data,) in rows]

    async def open_survey(self, *agencies: str, extra: list[dict[str, Any]] | None = None) -> str:
        created = await self.http.post(
            "/surveys",
            headers=self.admin,
            json={
                "title": "AKP 2027",
                "period": "2027",
                "agency_codes": list(agencies or [self.agency_a]),
                "extra_questions": extra or [],
            },
        )
        assert created.status_code == 201, created.text
        survey_id: str = created.json()["id"]
        opened = await self.http.post(f"/surveys/{survey_id}/open", headers=self.admin)
        assert opened.status_code == 200, opened.text
        return survey_id


def analyst_answers(importance: int = 4, self_level: int = 2) -> dict[str, Any]:
    """A complete response for the analyst's position (M.01 and M.05)."""
    return {
        "answers": [
            {
                "competency_code": "M.05",
                "importance": importance,
                "self_level": self_level,
                "learning_mode": "klasikal",
            },
            {"competency_code": "M.01", "importance": 3, "self_level": 3},
        ]
    }


@asynccontextmanager
async def world(tmp_path: Path) -> AsyncIterator[World]:
    settings = SurveySettings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'survey.db'}",
        auth_dev_key_file=tmp_path / "dev.pem",
    )
    service = bootstrap(settings)
    await upgrade(service.database.engine, service.migrations)
    a, b = factories.agency_code(), factories.agency_code()
    kasubbag, analyst, unit_analyst, outsider = (factories.nip() for _ in range(4))
    transport = httpx.ASGITransport(app=service.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://survey") as http:
        built = World(service, http, a, b, kasubbag, analyst, unit_analyst, outsider)
        await built.consume(
            *(builders.agency_updated(code) for code in ("12", "12.73", a, f"{a}.PK")),
            builders.agency_updated(b),
            builders.framework_published(),
            builders.standard_published(f"{a}-ANALIS", a, {"M.05": 3, "M.01": 3}),
            builders.standard_published(f"{a}-KASUBBAG", a, {"M.05": 4, "SK.01": 3}),
            builders.standard_published(f"{b}-ANALIS", b, {"M.05": 3, "M.01": 3}),
            builders.employee_updated(kasubbag, a, f"{a}-KASUBBAG"),
            builders.employee_updated(analyst, a, f"{a}-ANALIS", supervisor_nip=kasubbag),
            builders.employee_updated(
                unit_analyst, f"{a}.PK", f"{a}-ANALIS", supervisor_nip=kasubbag
            ),
            builders.employee_updated(outsider, b, f"{b}-ANALIS"),
        )
        try:
            yield built
        finally:
            await service.database.dispose()
