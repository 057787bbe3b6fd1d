"""Enrolling employees, cancelling, and placing accepted proposals that wait."""

from __future__ import annotations

from dataclasses import dataclass

from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import Conflict, InvalidInput, NotFound
from bangkom.training.domain.enrolments import Enrolment, EnrolmentRefused
from bangkom.training.handlers import commands
from bangkom.training.handlers.access import managed_employee, require_curator, require_writer
from bangkom.training.handlers.placement import (
    enrol,
    missing_prerequisites,
    place_waiting,
    record_changes,
)
from bangkom.training.handlers.ports import TrainingUnitOfWork


async def enrol_employee(
    cmd: commands.EnrolEmployee, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> Enrolment:
    """A seat while one is free, else the waitlist; one enrolment per person and course."""
    require_writer(cmd.caller)
    # The employee row is locked first (then the session): the same person enrolled
    # twice at once into two sessions of one course is refused, not doubled.
    employee = await managed_employee(uow, cmd.caller, cmd.nip, lock=True)
    if not employee.active:
        raise Conflict(f"employee {employee.nip} is no longer active")
    session = await uow.sessions.get(cmd.session_code)
    if session is None:
        raise InvalidInput(f"session_code: no session {cmd.session_code}", field="session_code")
    course = await uow.courses.get(session.course_code)
    assert course is not None  # sessions are only scheduled for catalog courses
    missing = await missing_prerequisites(uow, course, employee.nip)
    if missing:
        raise Conflict(
            f"employee {employee.nip} has not completed the prerequisites of course "
            f"{course.code}: {', '.join(missing)}"
        )
    for other in await uow.enrolments.current_of(employee.nip, course.code):
        if other.session_code != session.code:
            raise Conflict(
                f"employee {employee.nip} is already {other.status} in session "
                f"{other.session_code} of course {course.code}"
            )
    roll = await uow.sessions.roll(session.code, lock=True)
    assert roll is not None
    try:
        enrolment = enrol(
            roll,
            nip=employee.nip,
            agency_code=employee.agency_code,
            enrolled_by=cmd.caller.subject,
            now=clock(),
        )
    except EnrolmentRefused as exc:
        raise Conflict(str(exc)) from exc
    await record_changes(uow, [enrolment])
    return enrolment


@dataclass(frozen=True)
class Cancellation:
    cancelled: Enrolment
    # Promoted people may belong to another agency: the caller learns how many, and
    # who only when they are in the caller's scope.
    promoted: int
    promoted_visible: list[Enrolment]


async def cancel_enrolment(
    cmd: commands.CancelEnrolment, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> Cancellation:
    require_writer(cmd.caller)
    found = await uow.enrolments.get(cmd.enrolment_id)
    if found is None or not cmd.caller.may_manage_agency(found.agency_code):
        raise NotFound(f"enrolment {cmd.enrolment_id} not found")
    roll = await uow.sessions.roll(found.session_code, lock=True)
    assert roll is not None
    reason = cmd.reason or f"cancelled by {cmd.caller.subject}"
    try:
        changed = roll.cancel(found.id, now=clock(), reason=reason)
    except EnrolmentRefused as exc:
        raise Conflict(str(exc)) from exc
    await record_changes(uow, changed)
    cancelled, *promoted = changed
    return Cancellation(
        cancelled=cancelled,
        promoted=len(promoted),
        promoted_visible=[p for p in promoted if cmd.caller.may_manage_agency(p.agency_code)],
    )


async def place_waiting_requests(
    cmd: commands.PlaceWaitingRequests, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> int:
    require_curator(cmd.caller)
    return await place_waiting(uow, clock())
