"""The events behind the satisfaction analytics, as recommendation's consumer gets
them (a unit's IKM from survey, its staff from evaluation, their completions from
training), and handling them the way the consumer would."""

from __future__ import annotations

from collections.abc import Iterable

from bangkom.platform.catalog import (
    CompletionRecorded,
    EmployeeUpdated,
    PublicSatisfactionPublished,
)
from bangkom.platform.catalog.base import Event
from bangkom.platform.catalog.training import CourseCompetency
from bangkom.platform.service import Service
from tests import factories


async def handled(service: Service, events: Iterable[Event]) -> None:
    for event in events:
        async with service.uow_factory() as uow:
            for handler in service.event_handlers[type(event)]:
                await handler(event, uow)
            await uow.commit()


def ikm_published(
    unit: str, period: str, *, days_ago: int, converted: float, respondents: int = 100
) -> Event:
    """A closed period's IKM, every respondent's own IKM 10 points from the mean."""
    return PublicSatisfactionPublished(
        period_id=f"{unit}-{period}",
        unit_code=unit,
        period=period,
        respondents=respondents,
        population=500,
        sample_sufficient=respondents >= 217,
        ikm=converted / 25,
        converted=converted,
        spread=10.0,
        grade="B",
        elements={"kompetensi_pelaksana": converted / 25, "perilaku_pelaksana": 3.0},
        closed_at=factories.at(days_ago=days_ago),
    )


def employee(nip: str, agency: str) -> Event:
    return EmployeeUpdated(
        nip=nip,
        name="Pegawai",
        employment_type="PNS",
        agency_code=agency,
        position_code="POS",
        active=True,
        changed_at=factories.at(days_ago=400),
    )


def completion(
    nip: str, unit: str, competency: str, *, days_ago: int, course: str = "PP-1"
) -> Event:
    return CompletionRecorded(
        completion_id=f"c-{nip}-{course}-{competency}",
        nip=nip,
        agency_code=unit,
        course_code=course,
        outcome="passed",
        jp=24,
        mode="klasikal",
        competencies=[CourseCompetency(competency_code=competency, level_from=1, level_to=3)],
        source="session",
        completed_at=factories.at(days_ago=days_ago),
    )
