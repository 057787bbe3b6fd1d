"""Reads, filtered by the caller's scope (see access): out of scope looks like absent."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bangkom.kernel.calendar import local_date
from bangkom.platform.auth import Caller
from bangkom.platform.errors import NotFound
from bangkom.training.domain import demand
from bangkom.training.domain.catalog import Course, CourseStatus
from bangkom.training.domain.completions import Completion
from bangkom.training.domain.enrolments import Enrolment, EnrolmentRequest
from bangkom.training.domain.ledger import ComplianceFigures, EmployeeCompliance, Ledger, Pace
from bangkom.training.domain.sessions import Session
from bangkom.training.handlers.access import is_curator, visibility
from bangkom.training.handlers.ports import (
    CourseSearch,
    Page,
    SeatCount,
    TrainingUnitOfWork,
)

# Drafts are work in progress of the curators; everyone else sees what is or was offered.
PUBLIC_STATUSES = frozenset({CourseStatus.PUBLISHED.value, CourseStatus.RETIRED.value})


async def get_course(uow: TrainingUnitOfWork, caller: Caller, code: str) -> Course:
    course = await uow.courses.get(code)
    if course is None or (course.status is CourseStatus.DRAFT and not is_curator(caller)):
        raise NotFound(f"course {code} not found")
    return course


async def search_courses(
    uow: TrainingUnitOfWork, caller: Caller, criteria: CourseSearch
) -> Page[Course]:
    if not is_curator(caller):
        wanted = criteria.statuses if criteria.statuses is not None else PUBLIC_STATUSES
        criteria = replace(criteria, statuses=wanted & PUBLIC_STATUSES)
    return await uow.courses.search(criteria)


@dataclass(frozen=True)
class SessionSeats:
    session: Session
    seats: SeatCount

    @property
    def seats_left(self) -> int:
        return max(self.session.capacity - self.seats.enrolled, 0)


async def get_session(uow: TrainingUnitOfWork, code: str) -> SessionSeats:
    session = await uow.sessions.get(code)
    if session is None:
        raise NotFound(f"session {code} not found")
    counts = await uow.sessions.seat_counts([code])
    return SessionSeats(session, counts[code])


async def search_sessions(
    uow: TrainingUnitOfWork,
    *,
    course_code: str | None = None,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[SessionSeats]:
    page = await uow.sessions.search(
        course_code=course_code, status=status, limit=limit, offset=offset
    )
    counts = await uow.sessions.seat_counts(s.code for s in page.items)
    return Page([SessionSeats(s, counts[s.code]) for s in page.items], page.total)


async def get_enrolment(uow: TrainingUnitOfWork, caller: Caller, enrolment_id: str) -> Enrolment:
    enrolment = await uow.enrolments.get(enrolment_id)
    if enrolment is None or not caller.may_read_employee(enrolment.nip, enrolment.agency_code):
        raise NotFound(f"enrolment {enrolment_id} not found")
    return enrolment


async def search_enrolments(
    uow: TrainingUnitOfWork,
    caller: Caller,
    *,
    nip: str | None = None,
    session_code: str | None = None,
    course_code: str | None = None,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[Enrolment]:
    return await uow.enrolments.search(
        visibility(caller),
        nip=nip,
        session_code=session_code,
        course_code=course_code,
        status=status,
        limit=limit,
        offset=offset,
    )


async def search_requests(
    uow: TrainingUnitOfWork,
    caller: Caller,
    *,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[EnrolmentRequest]:
    return await uow.requests.search(visibility(caller), status=status, limit=limit, offset=offset)


async def get_completion(uow: TrainingUnitOfWork, caller: Caller, completion_id: str) -> Completion:
    completion = await uow.completions.get(completion_id)
    if completion is None or not caller.may_read_employee(completion.nip, completion.agency_code):
        raise NotFound(f"completion {completion_id} not found")
    return completion


async def search_completions(
    uow: TrainingUnitOfWork,
    caller: Caller,
    *,
    nip: str | None = None,
    year: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[Completion]:
    return await uow.completions.search(
        visibility(caller), nip=nip, year=year, limit=limit, offset=offset
    )


async def employee_ledger(uow: TrainingUnitOfWork, caller: Caller, nip: str, year: int) -> Ledger:
    employee = await uow.employees.get(nip)
    if employee is None or not caller.may_read_employee(nip, employee.agency_code):
        raise NotFound(f"employee {nip} not found")
    return Ledger(nip, year, tuple(await uow.completions.ledger(nip, year)))


@dataclass(frozen=True)
class AgencyCompliance:
    figures: ComplianceFigures
    pace: Pace


async def agencies_compliance(
    uow: TrainingUnitOfWork, caller: Caller, year: int, as_of: datetime
) -> list[AgencyCompliance]:
    """Every agency in the caller's scope, each on its own."""
    found = await uow.compliance.by_agency(year, caller.agency_scope())
    return [AgencyCompliance(f, f.pace(as_of)) for f in found]


async def agency_compliance(
    uow: TrainingUnitOfWork, caller: Caller, agency_code: str, year: int, as_of: datetime
) -> AgencyCompliance:
    """One agency with everything below it (a city with its agencies)."""
    if not caller.may_manage_agency(agency_code):
        raise NotFound(f"agency {agency_code} not found")
    figures = await uow.compliance.of_agency_tree(year, agency_code)
    return AgencyCompliance(figures, figures.pace(as_of))


async def agency_employees_compliance(
    uow: TrainingUnitOfWork,
    caller: Caller,
    agency_code: str,
    year: int,
    *,
    below_target_only: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> Page[EmployeeCompliance]:
    if not caller.may_manage_agency(agency_code):
        raise NotFound(f"agency {agency_code} not found")
    return await uow.compliance.employees(
        year, agency_code, below_target_only=below_target_only, limit=limit, offset=offset
    )


async def course_demand(
    uow: TrainingUnitOfWork, caller: Caller, *, period: str | None, now: datetime
) -> list[demand.CourseDemand]:
    """Demand per course from the needs of the agencies in the caller's scope."""
    needs = await uow.needs.of_period(period, caller.agency_scope())
    if not needs:
        return []
    competencies = {n.competency_code for agency in needs for n in agency.needs}
    courses = await uow.courses.offered_developing(competencies)
    plans = await uow.sessions.plans((c.code for c in courses), local_date(now))
    return demand.course_demand(needs[0].period, courses, needs, plans)
