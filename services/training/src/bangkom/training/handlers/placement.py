"""Putting people into sessions: shared by operator enrolments, accepted proposals and
schedule changes.

Which session an accepted proposal lands in: among the sessions of its course whose
enrolment is open right now, the one with a free seat that starts first (then the
lower batch); when every open session is full, the waitlist of the one that starts
first. With no open session the request waits and is placed when a session of the
course opens (or when PlaceWaitingRequests runs).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from bangkom.kernel.business_time import next_stamp
from bangkom.training.domain.catalog import Course
from bangkom.training.domain.enrolments import (
    Enrolment,
    EnrolmentRefused,
    EnrolmentRequest,
    RequestStatus,
    SessionRoll,
)
from bangkom.training.domain.roster import Employee
from bangkom.training.domain.sessions import Session
from bangkom.training.handlers.ports import TrainingUnitOfWork
from bangkom.training.handlers.publishing import enrolment_changed, request_declined

PROPOSAL_ENROLLER = "recommendation:proposal"


async def record_changes(uow: TrainingUnitOfWork, changed: Iterable[Enrolment]) -> None:
    """Save and announce every enrolment that changed, in the order it changed."""
    for enrolment in changed:
        await uow.enrolments.save(enrolment)
        uow.publish(enrolment_changed(enrolment))


async def missing_prerequisites(uow: TrainingUnitOfWork, course: Course, nip: str) -> list[str]:
    if not course.prerequisites:
        return []
    completed = await uow.completions.courses_completed(nip)
    return [code for code in course.prerequisites if code not in completed]


def _first_choice(sessions: list[Session], free: dict[str, bool]) -> Session:
    return min(sessions, key=lambda s: (not free[s.code], s.starts_on, s.batch, s.code))


async def save_request(uow: TrainingUnitOfWork, request: EnrolmentRequest) -> None:
    """Keep the request; a declined one is announced so that its proposal can move on."""
    await uow.requests.save(request)
    if request.status is RequestStatus.DECLINED:
        uow.publish(request_declined(request))


async def place_request(
    uow: TrainingUnitOfWork,
    request: EnrolmentRequest,
    now: datetime,
    employee: Employee | None,
) -> EnrolmentRequest:
    """Enrol the request's employee in a session of its course, or say why not."""
    course = await uow.courses.get(request.course_code)
    if course is None or not course.is_offered:
        return request.declined(now, f"course {request.course_code} is not offered")
    if employee is not None and not employee.active:
        return request.declined(now, f"employee {request.nip} is no longer active")
    missing = await missing_prerequisites(uow, course, request.nip)
    if missing:
        return request.declined(now, f"prerequisites not completed: {', '.join(missing)}")
    for existing in await uow.enrolments.current_of(request.nip, course.code):
        if existing.proposal_id is None:
            # Promoted from the waitlist in this same transaction, maybe: a later time,
            # so that consumers keep the link (bangkom.kernel.business_time).
            existing.proposal_id = request.proposal_id
            existing.changed_at = next_stamp(now, existing.changed_at)
            await record_changes(uow, [existing])
        return request.placed(
            existing.id, now, f"already {existing.status} in session {existing.session_code}"
        )
    candidates = [
        s for s in await uow.sessions.open_for(course.code) if not s.refuses_enrolment(now)
    ]
    if not candidates:
        return request.waiting(now, f"no session of course {course.code} is open for enrolment")
    seats = await uow.sessions.seat_counts(s.code for s in candidates)
    free = {s.code: seats[s.code].enrolled < s.capacity for s in candidates}
    chosen = _first_choice(candidates, free)
    roll = await uow.sessions.roll(chosen.code, lock=True)
    assert roll is not None  # a session is never deleted
    try:
        enrolment = enrol(
            roll,
            nip=request.nip,
            agency_code=request.agency_code,
            enrolled_by=PROPOSAL_ENROLLER,
            now=now,
            proposal_id=request.proposal_id,
        )
    except EnrolmentRefused as exc:  # the session changed between choosing and locking
        return request.waiting(now, str(exc))
    await record_changes(uow, [enrolment])
    return request.placed(enrolment.id, now)


def enrol(
    roll: SessionRoll,
    *,
    nip: str,
    agency_code: str,
    enrolled_by: str,
    now: datetime,
    proposal_id: str | None = None,
) -> Enrolment:
    return roll.enrol(
        enrolment_id=str(uuid.uuid4()),
        nip=nip,
        agency_code=agency_code,
        enrolled_by=enrolled_by,
        now=now,
        proposal_id=proposal_id,
    )


async def place_waiting(
    uow: TrainingUnitOfWork, now: datetime, *, course_code: str | None = None
) -> int:
    """Try the waiting requests (of one course, or all), oldest first; return how many
    were placed."""
    placed = 0
    for request in await uow.requests.waiting(course_code=course_code, claim=True):
        employee = await uow.employees.get(request.nip)
        outcome = await place_request(uow, request, now, employee)
        if outcome.status != request.status or outcome.reason != request.reason:
            await save_request(uow, outcome)
        if outcome.status is RequestStatus.PLACED:
            placed += 1
    return placed
