"""The training service's scheduled work, driven by a pinned clock on fakes."""

import asyncio
import dataclasses
from datetime import time, timedelta

from prometheus_client import REGISTRY

from bangkom.platform.catalog import ComplianceFellBehind, EnrolmentChanged
from bangkom.training.bootstrap import build_bus
from bangkom.training.entrypoints.schedule import compliance_worker, placement_worker
from bangkom.training.handlers import on_events
from tests.infra import wait_for
from tests.unit.training import factories as training
from tests.unit.training.fakes import FakeTrainingUnitOfWork


async def _run_until(worker, done) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(worker(stop))
    try:
        await wait_for(done, deadline_s=5, what="the scheduled work")
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)


async def test_the_daily_check_alerts_an_agency_behind_pace_at_the_set_time() -> None:
    uow = FakeTrainingUnitOfWork()
    clock = training.PinnedClock()
    employee = training.employee_updated()
    await on_events.on_employee_updated(employee, uow, clock=clock)
    await uow.commit()
    # 26 May 2027: 0.4 of the year has gone and nobody has earned a JP. The check is
    # due at 01:00 WIB, a moment after "now".
    clock.set(training.wib(2027, 5, 26).replace(hour=0, minute=59, second=59, microsecond=950_000))
    worker = compliance_worker(build_bus(lambda: uow, clock), at=time(1, 0), clock=clock)

    def behind_on_the_gauge() -> float | None:
        return REGISTRY.get_sample_value("bangkom_jp_pace_behind", {"agency": employee.agency_code})

    async def alerted() -> bool:
        return bool(uow.events_of(ComplianceFellBehind)) and behind_on_the_gauge() == 1

    await _run_until(worker, alerted)

    [alert] = uow.events_of(ComplianceFellBehind)
    assert (alert.agency_code, alert.employees, alert.below_target) == (
        employee.agency_code,
        1,
        1,
    )
    assert behind_on_the_gauge() == 1  # what the BangkomJpPaceBehind alert reads


async def test_placement_runs_at_start_and_places_a_request_whose_window_opened() -> None:
    uow = FakeTrainingUnitOfWork()
    clock = training.PinnedClock()
    bus = build_bus(lambda: uow, clock)
    employee = training.employee_updated()
    await on_events.on_employee_updated(employee, uow, clock=clock)
    course = training.publish_course()
    await bus.handle(course)
    session = training.schedule_session(course.code, clock(), starts_in_days=40)
    await bus.handle(dataclasses.replace(session, enrolment_opens_at=clock() + timedelta(days=1)))
    decided = training.proposal_decided(employee.nip, employee.agency_code, course.code)
    await on_events.on_proposal_decided(decided, uow, clock=clock)
    await uow.commit()
    assert not uow.events_of(EnrolmentChanged)  # nothing open yet: the request waits

    clock.advance(days=1)

    async def enrolled() -> list[EnrolmentChanged]:
        return uow.events_of(EnrolmentChanged)

    await _run_until(placement_worker(bus, every_s=3600), enrolled)
    [event] = uow.events_of(EnrolmentChanged)
    assert (event.nip, event.session_code, event.proposal_id) == (
        employee.nip,
        session.code,
        decided.proposal_id,
    )
