"""Recording completions: from a session's enrolment, or reported from outside."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import Conflict, InvalidInput, NotFound
from bangkom.training.domain.catalog import CompetencyStep, Course, LearningMode
from bangkom.training.domain.completions import (
    Completion,
    CompletionOutcome,
    CompletionSource,
    InvalidCompletion,
)
from bangkom.training.domain.enrolments import EnrolmentStatus
from bangkom.training.domain.roster import Employee
from bangkom.training.domain.sessions import SessionStatus
from bangkom.training.handlers import commands
from bangkom.training.handlers.access import managed_employee, require_writer
from bangkom.training.handlers.ports import TrainingUnitOfWork
from bangkom.training.handlers.publishing import completion_recorded

CLOCK_SKEW = timedelta(minutes=5)
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)


def check_time(completed_at: datetime, now: datetime) -> None:
    if completed_at > now + CLOCK_SKEW:
        raise InvalidInput(f"completed_at {completed_at.isoformat()} is in the future")
    if completed_at < EARLIEST:
        raise InvalidInput(f"completed_at {completed_at.isoformat()} is implausibly old")


async def _record(uow: TrainingUnitOfWork, completion: Completion) -> Completion:
    await uow.completions.add(completion)
    uow.publish(completion_recorded(completion))
    return completion


async def record_session_completion(
    cmd: commands.RecordSessionCompletion, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> Completion:
    """Attended, passed or failed; the course's JP go to the ledger unless failed."""
    require_writer(cmd.caller)
    found = await uow.enrolments.get(cmd.enrolment_id)
    if found is None or not cmd.caller.may_manage_agency(found.agency_code):
        raise NotFound(f"enrolment {cmd.enrolment_id} not found")
    # The session lock makes a second completion of the same enrolment wait and be
    # refused below instead of failing on the unique constraint.
    roll = await uow.sessions.roll(found.session_code, lock=True)
    assert roll is not None
    enrolment = roll.find(found.id)
    assert enrolment is not None
    if enrolment.status is not EnrolmentStatus.ENROLLED:
        raise Conflict(f"enrolment {enrolment.id} is {enrolment.status}, not enrolled")
    session = roll.session
    if session.status is SessionStatus.CANCELLED:
        raise Conflict(f"session {session.code} was cancelled")
    now = clock()
    completed_at = cmd.completed_at or now
    check_time(completed_at, now)
    if not session.has_started(completed_at):
        raise InvalidInput(
            f"completed_at {completed_at.isoformat()} is before session {session.code} "
            f"starts ({session.starts_on})"
        )
    earlier = await uow.completions.of_enrolment(enrolment.id)
    if earlier is not None:
        raise Conflict(f"enrolment {enrolment.id} is already completed ({earlier.id})")
    course = await uow.courses.get(enrolment.course_code)
    assert course is not None
    employee = await uow.employees.get(enrolment.nip)
    try:
        completion = Completion(
            id=str(uuid.uuid4()),
            nip=enrolment.nip,
            agency_code=employee.agency_code if employee else enrolment.agency_code,
            title=course.title,
            outcome=cmd.outcome,
            jp=course.jp,
            mode=course.mode,
            source=CompletionSource.SESSION,
            completed_at=completed_at,
            recorded_by=cmd.caller.subject,
            recorded_at=now,
            competencies=tuple(course.competencies),
            course_code=course.code,
            session_code=session.code,
            enrolment_id=enrolment.id,
            score=cmd.score,
            proposal_id=enrolment.proposal_id,
        )
    except InvalidCompletion as exc:
        raise InvalidInput(str(exc)) from exc
    return await _record(uow, completion)


async def record_external_completion(
    cmd: commands.RecordExternalCompletion, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> Completion:
    """Training reported from an LMS or a certificate, with the source kept; a catalog
    course, when named, supplies what the report leaves out."""
    require_writer(cmd.caller)
    if cmd.source is CompletionSource.SESSION:
        raise InvalidInput("source: completions of sessions are recorded on their enrolment")
    employee = await managed_employee(uow, cmd.caller, cmd.nip)
    now = clock()
    check_time(cmd.completed_at, now)
    course = None
    if cmd.course_code is not None:
        course = await uow.courses.get(cmd.course_code)
        if course is None:
            raise InvalidInput(f"course_code: course {cmd.course_code} is not in the catalog")
    return await record_reported(
        uow,
        ReportedTraining(
            employee=employee,
            source=cmd.source,
            reference=cmd.reference,
            outcome=cmd.outcome,
            completed_at=cmd.completed_at,
            course=course,
            title=cmd.title,
            jp=cmd.jp,
            mode=cmd.mode,
            competencies=cmd.competencies,
            score=cmd.score,
        ),
        recorded_by=cmd.caller.subject,
        now=now,
    )


@dataclass(frozen=True)
class ReportedTraining:
    """Training reported from outside; a catalog course supplies what it leaves out."""

    employee: Employee
    source: CompletionSource
    reference: str
    outcome: CompletionOutcome
    completed_at: datetime
    course: Course | None = None
    title: str | None = None
    jp: int | None = None
    mode: LearningMode | None = None
    competencies: list[CompetencyStep] | None = None
    score: float | None = None


async def record_reported(
    uow: TrainingUnitOfWork, reported: ReportedTraining, *, recorded_by: str, now: datetime
) -> Completion:
    """The completion of reported training (an LMS record, a certificate), once per
    employee, source and reference; its JP go to the ledger unless failed."""
    employee, course = reported.employee, reported.course
    title = reported.title or (course.title if course else None)
    jp = reported.jp or (course.jp if course else None)
    mode = reported.mode or (course.mode if course else None)
    if title is None or jp is None or mode is None:
        raise InvalidInput("title, jp and mode are required when no course_code is given")
    duplicate = await uow.completions.reported(
        employee.nip, reported.source.value, reported.reference
    )
    if duplicate is not None:
        raise Conflict(
            f"{reported.source} {reported.reference} is already recorded for employee "
            f"{employee.nip} ({duplicate.id})"
        )
    competencies = reported.competencies or (course.competencies if course else [])
    try:
        completion = Completion(
            id=str(uuid.uuid4()),
            nip=employee.nip,
            agency_code=employee.agency_code,
            title=title,
            outcome=reported.outcome,
            jp=jp,
            mode=mode,
            source=reported.source,
            completed_at=reported.completed_at,
            recorded_by=recorded_by,
            recorded_at=now,
            competencies=tuple(competencies),
            course_code=course.code if course else None,
            reference=reported.reference,
            score=reported.score,
        )
    except InvalidCompletion as exc:
        raise InvalidInput(str(exc)) from exc
    return await _record(uow, completion)
