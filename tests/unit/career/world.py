"""The career service's world in-process: events delivered as its consumer would (one
transaction, the batch hooks around the handlers), and the events it published."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select

from bangkom.platform.catalog import (
    CourseUpdated,
    EmployeeUpdated,
    Event,
    ResultRecorded,
    StandardPublished,
)
from bangkom.platform.catalog.evaluation import StandardLevel
from bangkom.platform.catalog.training import CourseCompetency
from bangkom.platform.db.messaging import outbox
from bangkom.platform.service import Service
from tests import factories


async def deliver(service: Service, *events: Event) -> None:
    async with service.uow_factory() as uow:
        hooks = service.batch_hooks
        if hooks is not None and hooks.before is not None:
            await hooks.before(uow, list(events))
        for event in events:
            for handler in service.event_handlers.get(type(event), []):
                await handler(event, uow)
        if hooks is not None and hooks.after is not None:
            await hooks.after(uow)
        await uow.commit()


async def published(service: Service, kind: str) -> list[dict[str, Any]]:
    """The data of the events of ``kind`` (e.g. 'succession-alert.raised') in the outbox."""
    async with service.database.engine.connect() as connection:
        rows = await connection.execute(
            select(outbox.c.data).where(outbox.c.type.like(f"%.{kind}.%")).order_by(outbox.c.seq)
        )
        return [json.loads(row[0]) for row in rows]


def standard(
    code: str, agency: str, position_type: str, levels: dict[str, int], version: int = 1
) -> StandardPublished:
    return StandardPublished(
        position_code=code,
        position_name=f"Jabatan {code}",
        position_type=position_type,  # type: ignore[arg-type]
        agency_code=agency,
        version=version,
        levels=[
            StandardLevel(competency_code=c, competency_name=c, required_level=v)
            for c, v in levels.items()
        ],
        published_at=factories.at(days_ago=400 - version),
    )


def employee(
    nip: str, agency: str, position: str, *, supervisor: str | None = None, active: bool = True
) -> EmployeeUpdated:
    return EmployeeUpdated(
        nip=nip,
        name=f"Pegawai {nip[-4:]}",
        employment_type="PNS",
        agency_code=agency,
        position_code=position,
        supervisor_nip=supervisor,
        active=active,
        changed_at=factories.at(days_ago=365),
    )


def results(nip: str, agency: str, levels: dict[str, int], at: datetime) -> list[ResultRecorded]:
    return [
        factories.result_recorded(
            nip=nip, agency_code=agency, competency_code=code, level=level, evaluated_at=at
        )
        for code, level in levels.items()
    ]


def course(code: str, competency: str, level_from: int, level_to: int, jp: int) -> CourseUpdated:
    return CourseUpdated(
        course_code=code,
        title=f"Pelatihan {code}",
        competencies=[
            CourseCompetency(competency_code=competency, level_from=level_from, level_to=level_to)
        ],
        jp=jp,
        mode="klasikal",
        provider="BPSDM",
        cost=0,
        status="published",
        changed_at=factories.at(days_ago=30),
    )


def a_code() -> str:
    return f"P{uuid.uuid4().hex[:8].upper()}"
