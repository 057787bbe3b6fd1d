"""Scheduling sessions (angkatan)."""

from __future__ import annotations

from datetime import datetime

from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import Conflict, InvalidInput
from bangkom.training.domain.enrolments import Enrolment, EnrolmentRefused, SessionRoll
from bangkom.training.domain.sessions import InvalidSession, Session, SessionStatus
from bangkom.training.handlers import commands
from bangkom.training.handlers.access import require_curator
from bangkom.training.handlers.placement import place_waiting, record_changes
from bangkom.training.handlers.ports import TrainingUnitOfWork
from bangkom.training.handlers.publishing import session_updated

NEW_SESSION_STATUSES = (SessionStatus.PLANNED, SessionStatus.OPEN)


async def schedule_session(
    cmd: commands.ScheduleSession, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> SessionRoll:
    require_curator(cmd.caller)
    now = clock()
    course = await uow.courses.get(cmd.course_code)
    if course is None:
        raise InvalidInput(
            f"course_code: course {cmd.course_code} is not in the catalog", field="course_code"
        )
    try:
        session = Session(
            code=cmd.code,
            course_code=cmd.course_code,
            batch=cmd.batch,
            starts_on=cmd.starts_on,
            ends_on=cmd.ends_on,
            capacity=cmd.capacity,
            enrolment_opens_at=cmd.enrolment_opens_at,
            enrolment_closes_at=cmd.enrolment_closes_at,
            location=cmd.location,
            online_url=cmd.online_url,
            status=cmd.status,
            changed_at=now,
        )
        session.check_venue(course.mode)
    except InvalidSession as exc:
        raise InvalidInput(str(exc)) from exc
    if session.status is SessionStatus.OPEN and not course.is_offered:
        raise Conflict(f"course {course.code} is {course.status}; publish it before opening")
    holder = await uow.sessions.code_of_batch(session.course_code, session.batch)
    if holder is not None and holder != session.code:
        raise Conflict(f"batch {session.batch} of course {course.code} is session {holder}")

    roll = await uow.sessions.roll(cmd.code, lock=True)
    if roll is None:
        if session.status not in NEW_SESSION_STATUSES:
            raise InvalidInput(
                f"status: a new session is planned or open, not {session.status}", field="status"
            )
        roll = SessionRoll(session, [])
        changed = []
    elif roll.session.same_schedule_as(session):
        return roll
    else:
        try:
            changed = roll.reschedule(session)
        except InvalidSession as exc:
            raise InvalidInput(str(exc)) from exc
        except EnrolmentRefused as exc:
            raise Conflict(str(exc)) from exc
    await uow.sessions.save(session)
    uow.publish(session_updated(session))
    await record_changes(uow, changed)
    if session.status is SessionStatus.CANCELLED:
        await _requeue_proposals(uow, changed, now)
    if session.status is SessionStatus.OPEN:
        await place_waiting(uow, now, course_code=session.course_code)
    return roll


async def _requeue_proposals(
    uow: TrainingUnitOfWork, cancelled: list[Enrolment], now: datetime
) -> None:
    """People who came from an accepted proposal wait for the next session."""
    for enrolment in cancelled:
        if enrolment.proposal_id is None:
            continue
        request = await uow.requests.get(enrolment.proposal_id)
        if request is not None and request.enrolment_id == enrolment.id:
            await uow.requests.save(
                request.waiting(now, f"session {enrolment.session_code} was cancelled")
            )
