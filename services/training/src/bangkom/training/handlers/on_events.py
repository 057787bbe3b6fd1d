"""Event handlers: the roster, accepted proposals, aggregated needs, and the catalog's
own log.

Each runs inside the consumer's transaction with the inbox claim, so a redelivered
event has no second effect; business time decides, so an older event arriving late
never overwrites a newer fact.
"""

from __future__ import annotations

from datetime import datetime

from bangkom.kernel.business_time import supersedes_state
from bangkom.platform.catalog import (
    CourseUpdated,
    EmployeeUpdated,
    NeedsAggregated,
    ProposalDecided,
)
from bangkom.platform.clock import Clock, utc_now
from bangkom.training.domain.catalog import CompetencyStep, Course, CourseStatus, LearningMode
from bangkom.training.domain.demand import AgencyNeeds, Need
from bangkom.training.domain.enrolments import (
    EnrolmentRefused,
    EnrolmentRequest,
    RequestStatus,
)
from bangkom.training.domain.roster import Employee
from bangkom.training.handlers.on_commands.xapi import apply_waiting
from bangkom.training.handlers.placement import place_request, record_changes, save_request
from bangkom.training.handlers.ports import TrainingUnitOfWork


async def on_employee_updated(
    event: EmployeeUpdated, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> None:
    incoming = Employee(
        nip=event.nip,
        name=event.name,
        employment_type=event.employment_type,
        agency_code=event.agency_code,
        position_code=event.position_code,
        active=event.active,
        changed_at=event.changed_at,
    )
    current = await uow.employees.get(event.nip, lock=True)
    if not incoming.is_newer_than(current):
        return
    await uow.employees.save(incoming)
    if current is None:  # statements naming this NIP as their account waited for them
        await apply_waiting(uow, await uow.xapi.waiting(account_name=incoming.nip), clock())
    if not incoming.active:
        await _withdraw(uow, incoming.nip, clock())


async def _withdraw(uow: TrainingUnitOfWork, nip: str, now: datetime) -> None:
    """Someone who left the service gives up seats in sessions not yet running (the
    waitlist moves up) and the accepted proposals still waiting."""
    reason = f"employee {nip} is no longer active"
    # Sessions are locked in code order, the same order for every transaction.
    for enrolment in sorted(await uow.enrolments.current_of(nip), key=lambda e: e.session_code):
        roll = await uow.sessions.roll(enrolment.session_code, lock=True)
        assert roll is not None
        if not roll.session.fills_from_waitlist:
            continue
        try:
            await record_changes(uow, roll.cancel(enrolment.id, now=now, reason=reason))
        except EnrolmentRefused:
            continue
    for request in await uow.requests.waiting(nip=nip):
        await uow.requests.save(request.declined(now, reason))


async def on_proposal_decided(
    event: ProposalDecided, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> None:
    """An accepted proposal becomes an enrolment (see placement for which session)."""
    if event.decision != "accepted" or await uow.requests.get(event.proposal_id) is not None:
        return
    now = clock()
    employee = await uow.employees.get(event.nip)
    request = EnrolmentRequest(
        proposal_id=event.proposal_id,
        nip=event.nip,
        # The roster is the authority on where someone works; the proposal's agency
        # stands in while the roster event has not arrived yet.
        agency_code=employee.agency_code if employee else event.agency_code,
        course_code=event.course_code,
        status=RequestStatus.WAITING,
        requested_at=event.decided_at,
        changed_at=now,
    )
    await save_request(uow, await place_request(uow, request, now, employee))


async def on_needs_aggregated(
    event: NeedsAggregated, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> None:
    incoming = AgencyNeeds(
        agency_code=event.agency_code,
        period=event.period,
        survey_id=event.survey_id,
        headcount=event.headcount,
        needs=tuple(
            Need(
                competency_code=n.competency_code,
                # People who perceive a gap when the survey says so; older events only
                # carried everyone who answered.
                respondents=n.respondents_with_gap
                if n.respondents_with_gap is not None
                else n.respondents,
                mean_gap=n.mean_gap,
                priority=n.priority,
                rank=n.rank,
            )
            for n in event.needs
        ),
        aggregated_at=event.aggregated_at,
    )
    if incoming.is_newer_than(await uow.needs.get(event.agency_code, event.period)):
        await uow.needs.save(incoming)


async def on_course_updated(
    event: CourseUpdated, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> None:
    """The catalog follows its compacted topic: a new database (a restore, a new
    region) rebuilds the catalog from the log alone. Our own events change nothing,
    because the course already has that state."""
    current = await uow.courses.get(event.course_code)
    if not supersedes_state(event.changed_at, current.changed_at if current else None):
        return
    await uow.courses.save(
        Course(
            code=event.course_code,
            title=event.title,
            competencies=[
                CompetencyStep(c.competency_code, c.level_from, c.level_to)
                for c in event.competencies
            ],
            jp=event.jp,
            mode=LearningMode(event.mode),
            provider=event.provider,
            cost=event.cost,
            status=CourseStatus(event.status),
            changed_at=event.changed_at,
            prerequisites=list(event.prerequisites),
        )
    )
