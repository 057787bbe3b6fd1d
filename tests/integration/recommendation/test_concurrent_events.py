"""Events about one employee arrive on several topics (roster, results, completions)
and the consumer handles partitions side by side, one transaction each. On PostgreSQL
a transaction that recalculates an employee must not do it from a view that another,
still open, is about to make stale: the later one waits and sees both changes."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from bangkom.kernel.gaps import GapStatus
from bangkom.platform.catalog import CourseUpdated, EmployeeUpdated, StandardPublished
from bangkom.platform.catalog.base import Event
from bangkom.platform.catalog.evaluation import StandardLevel
from bangkom.platform.catalog.training import CourseCompetency
from bangkom.platform.service import Service
from bangkom.recommendation.handlers.ports import RecommendationUnitOfWork
from bangkom.recommendation.handlers.workers import recalculate_batch
from tests import factories
from tests.infra import wait_for

pytestmark = [pytest.mark.postgres]


async def _handle(service: Service, uow: RecommendationUnitOfWork, event: Event) -> None:
    """What the consumer does with one event before it commits."""
    hooks = service.batch_hooks
    assert hooks is not None
    assert hooks.before is not None
    assert hooks.after is not None
    await hooks.before(uow, [event])
    for handler in service.event_handlers[type(event)]:
        await handler(event, uow)
    await hooks.after(uow)


async def _waiting_on_a_lock(service: Service) -> int:
    async with service.database.engine.connect() as connection:
        waiting = await connection.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        )
        return int(waiting.scalar_one())


def _standard(agency: str) -> StandardPublished:
    return StandardPublished(
        position_code="POS",
        position_name="Analis",
        agency_code=agency,
        version=1,
        levels=[
            StandardLevel(
                competency_code="M.05", competency_name="Pelayanan Publik", required_level=3
            )
        ],
        published_at=factories.at(days_ago=40),
    )


def _placement(nip: str, agency: str) -> EmployeeUpdated:
    return EmployeeUpdated(
        nip=nip,
        name="Rina",
        employment_type="PNS",
        agency_code=agency,
        position_code="POS",
        active=True,
        changed_at=factories.at(days_ago=30),
    )


async def _commit(service: Service, *events: Event) -> None:
    for event in events:
        async with service.uow_factory() as uow:
            await _handle(service, uow, event)
            await uow.commit()
    await recalculate_batch(service.uow_factory, batch_size=10)


async def test_a_placement_and_a_result_handled_at_once_both_reach_the_gaps(
    service: Service,
) -> None:
    nip, agency = factories.nip(), factories.agency_code()
    await _commit(service, _standard(agency))
    placement = _placement(nip, agency)
    result = factories.result_recorded(nip=nip, agency_code=agency, level=3)

    async def handle_result() -> None:
        async with service.uow_factory() as uow:
            await _handle(service, uow, result)
            await uow.commit()

    async with service.uow_factory() as roster:
        await _handle(service, roster, placement)  # recalculated, not yet committed
        other = asyncio.create_task(handle_result())

        async def result_waits_or_is_done() -> bool:
            return other.done() or await _waiting_on_a_lock(service) > 0

        await wait_for(result_waits_or_is_done, what="the result's transaction to wait")
        await roster.commit()
    await other

    async with service.uow_factory() as uow:
        gaps = {g.competency_code: g for g in await uow.gaps.current(nip)}
    assert gaps["M.05"].current_level == 3
    assert gaps["M.05"].status is GapStatus.MET


async def test_a_new_gap_and_a_new_course_handled_at_once_end_in_a_proposal(
    service: Service,
) -> None:
    # The gap's transaction finds no course, the course's finds no open gap: unless one
    # waits for the other, both commit and nobody is ever proposed the course (seen in
    # the first-loop e2e test under load: a course saved just before the result).
    nip, agency = factories.nip(), factories.agency_code()
    await _commit(service, _standard(agency), _placement(nip, agency))
    course = CourseUpdated(
        course_code="PP-1",
        title="Pelayanan Publik Prima",
        competencies=[CourseCompetency(competency_code="M.05", level_from=1, level_to=3)],
        jp=24,
        mode="klasikal",
        provider="BPSDM",
        cost=0,
        status="published",
        changed_at=factories.at(days_ago=2),
    )

    async def handle_course() -> None:
        async with service.uow_factory() as uow:
            await _handle(service, uow, course)
            await uow.commit()

    async with service.uow_factory() as gap:
        await _handle(service, gap, factories.result_recorded(nip=nip, agency_code=agency, level=1))
        other = asyncio.create_task(handle_course())

        async def course_waits_or_is_done() -> bool:
            return other.done() or await _waiting_on_a_lock(service) > 0

        await wait_for(course_waits_or_is_done, what="the course's transaction to wait")
        await gap.commit()
    await other
    await recalculate_batch(service.uow_factory, batch_size=10)

    async with service.uow_factory() as uow:
        proposed = [p.course_code for p in await uow.proposals.of_person(nip)]
    assert proposed == ["PP-1"]


async def test_queued_recalculations_and_a_batch_queueing_more_do_not_wait_in_a_cycle(
    service: Service,
) -> None:
    # A consumer batch holds the employees of its events and may then queue others (a
    # standard or a course of the batch); the worker must not claim queued rows before
    # it holds their employees, or each would wait for the other.
    held, queued_again = sorted(factories.nip() for _ in range(2))
    async with service.uow_factory() as uow:
        await uow.recalculations.enqueue([held, queued_again], "awal", factories.at(days_ago=2))
        await uow.commit()

    async with service.uow_factory() as batch:
        await batch.hold_employees([held])
        worker = asyncio.create_task(recalculate_batch(service.uow_factory, batch_size=10))

        async def worker_waits_or_is_done() -> bool:
            return worker.done() or await _waiting_on_a_lock(service) > 0

        await wait_for(worker_waits_or_is_done, what="the worker to wait for the batch")
        await batch.recalculations.enqueue([queued_again], "kursus baru", factories.at(days_ago=1))
        await batch.commit()
    assert await worker == 2

    async with service.uow_factory() as uow:
        assert await uow.recalculations.pending() == 0
