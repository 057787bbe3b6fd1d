"""In-memory repositories of the training service (unit tests only)."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from bangkom.kernel.agencies import covers
from bangkom.kernel.jp import below_target, has_duty
from bangkom.training.domain.catalog import Course
from bangkom.training.domain.completions import Completion
from bangkom.training.domain.demand import AgencyNeeds, SessionPlan
from bangkom.training.domain.enrolments import (
    Enrolment,
    EnrolmentRequest,
    EnrolmentStatus,
    RequestStatus,
    SessionRoll,
)
from bangkom.training.domain.ledger import (
    ComplianceAlert,
    ComplianceFigures,
    EmployeeCompliance,
    LedgerEntry,
    summarise,
)
from bangkom.training.domain.roster import Employee
from bangkom.training.domain.sessions import Session, SessionStatus
from bangkom.training.domain.xapi import Statement, StatementStatus
from bangkom.training.handlers.ports import CourseSearch, Page, SeatCount, Visibility
from tests.fakes import FakeUnitOfWorkBase


def _within(agency_code: str, roots: frozenset[str] | None) -> bool:
    return roots is None or any(covers(root, agency_code) for root in roots)


def _visible(visibility: Visibility, agency_code: str, nip: str) -> bool:
    return _within(agency_code, visibility.agencies) or nip == visibility.nip


T = TypeVar("T")


def _page(items: list[T], limit: int, offset: int) -> Page[T]:
    return Page(items[offset : offset + limit], len(items))


class FakeCourses:
    def __init__(self) -> None:
        self.rows: dict[str, Course] = {}

    async def get(self, code: str) -> Course | None:
        return copy.deepcopy(self.rows.get(code))

    async def save(self, course: Course) -> None:
        self.rows[course.code] = copy.deepcopy(course)

    async def search(self, criteria: CourseSearch) -> Page[Course]:
        def matches(course: Course) -> bool:
            steps = [
                s
                for s in course.competencies
                if (criteria.competency_code in (None, s.competency_code))
                and (criteria.level is None or s.takes_from(criteria.level))
                and (criteria.target_level is None or s.reaches(criteria.target_level))
            ]
            return (
                bool(steps)
                and criteria.mode in (None, course.mode.value)
                and (criteria.provider or "").lower() in course.provider.lower()
                and (criteria.text or "").lower() in f"{course.code} {course.title}".lower()
                and (criteria.statuses is None or course.status.value in criteria.statuses)
            )

        found = sorted((c for c in self.rows.values() if matches(c)), key=lambda c: c.code)
        return _page(found, criteria.limit, criteria.offset)

    async def offered_developing(self, competency_codes: Iterable[str]) -> list[Course]:
        codes = set(competency_codes)
        return sorted(
            (
                c
                for c in self.rows.values()
                if c.is_offered and codes & {s.competency_code for s in c.competencies}
            ),
            key=lambda c: c.code,
        )


class FakeEnrolments:
    def __init__(self, sessions: FakeSessions) -> None:
        self.rows: dict[str, Enrolment] = {}
        self._sessions = sessions

    async def get(self, enrolment_id: str) -> Enrolment | None:
        return copy.deepcopy(self.rows.get(enrolment_id))

    async def save(self, enrolment: Enrolment) -> None:
        self.rows[enrolment.id] = copy.deepcopy(enrolment)

    async def current_of(self, nip: str, course_code: str | None = None) -> list[Enrolment]:
        ended = {SessionStatus.FINISHED, SessionStatus.CANCELLED}
        return sorted(
            (
                copy.deepcopy(e)
                for e in self.rows.values()
                if e.nip == nip
                and e.active
                and course_code in (None, e.course_code)
                and self._sessions.rows[e.session_code].status not in ended
            ),
            key=lambda e: e.session_code,
        )

    async def search(
        self,
        visibility: Visibility,
        *,
        nip: str | None,
        session_code: str | None,
        course_code: str | None,
        status: str | None,
        limit: int,
        offset: int,
    ) -> Page[Enrolment]:
        found = [
            e
            for e in self.rows.values()
            if _visible(visibility, e.agency_code, e.nip)
            and nip in (None, e.nip)
            and session_code in (None, e.session_code)
            and course_code in (None, e.course_code)
            and status in (None, e.status.value)
        ]
        found.sort(key=lambda e: (e.session_code, e.queue_number))
        return _page(found, limit, offset)


class FakeSessions:
    def __init__(self) -> None:
        self.rows: dict[str, Session] = {}
        self.enrolments = FakeEnrolments(self)
        self.locked: list[str] = []

    async def get(self, code: str) -> Session | None:
        return self.rows.get(code)

    async def roll(self, code: str, *, lock: bool) -> SessionRoll | None:
        if code not in self.rows:
            return None
        if lock:
            self.locked.append(code)
        enrolments = [copy.deepcopy(e) for e in self.enrolments.rows.values()]
        return SessionRoll(self.rows[code], [e for e in enrolments if e.session_code == code])

    async def save(self, session: Session) -> None:
        self.rows[session.code] = session

    async def code_of_batch(self, course_code: str, batch: int) -> str | None:
        return next(
            (
                s.code
                for s in self.rows.values()
                if (s.course_code, s.batch) == (course_code, batch)
            ),
            None,
        )

    async def search(
        self, *, course_code: str | None, status: str | None, limit: int, offset: int
    ) -> Page[Session]:
        found = [
            s
            for s in self.rows.values()
            if course_code in (None, s.course_code) and status in (None, s.status.value)
        ]
        return _page(sorted(found, key=lambda s: (s.starts_on, s.code)), limit, offset)

    async def open_for(self, course_code: str) -> list[Session]:
        return [
            s
            for s in self.rows.values()
            if s.course_code == course_code and s.status is SessionStatus.OPEN
        ]

    async def seat_counts(self, codes: Iterable[str]) -> dict[str, SeatCount]:
        counts = {}
        for code in codes:
            mine = [e for e in self.enrolments.rows.values() if e.session_code == code]
            counts[code] = SeatCount(
                enrolled=sum(e.status is EnrolmentStatus.ENROLLED for e in mine),
                waitlisted=sum(e.status is EnrolmentStatus.WAITLISTED for e in mine),
            )
        return counts

    async def plans(self, course_codes: Iterable[str], today: date) -> dict[str, SessionPlan]:
        plans = {}
        upcoming = {SessionStatus.PLANNED, SessionStatus.OPEN, SessionStatus.CLOSED}
        for code in course_codes:
            held = sorted(
                (
                    s
                    for s in self.rows.values()
                    if s.course_code == code and s.status is not SessionStatus.CANCELLED
                ),
                key=lambda s: (s.starts_on, s.code),
            )
            if held:
                plans[code] = SessionPlan(
                    class_size=held[-1].capacity,
                    upcoming=sum(s.status in upcoming and s.starts_on > today for s in held),
                )
        return plans


class FakeRequests:
    def __init__(self) -> None:
        self.rows: dict[str, EnrolmentRequest] = {}

    async def get(self, proposal_id: str) -> EnrolmentRequest | None:
        return self.rows.get(proposal_id)

    async def save(self, request: EnrolmentRequest) -> None:
        self.rows[request.proposal_id] = request

    async def waiting(
        self, *, nip: str | None = None, course_code: str | None = None, claim: bool = False
    ) -> list[EnrolmentRequest]:
        return sorted(
            (
                r
                for r in self.rows.values()
                if r.status is RequestStatus.WAITING
                and nip in (None, r.nip)
                and course_code in (None, r.course_code)
            ),
            key=lambda r: (r.requested_at, r.proposal_id),
        )

    async def search(
        self, visibility: Visibility, *, status: str | None, limit: int, offset: int
    ) -> Page[EnrolmentRequest]:
        found = [
            r
            for r in self.rows.values()
            if _visible(visibility, r.agency_code, r.nip) and status in (None, r.status.value)
        ]
        return _page(sorted(found, key=lambda r: r.requested_at), limit, offset)


class FakeCompletions:
    def __init__(self) -> None:
        self.rows: dict[str, Completion] = {}

    async def add(self, completion: Completion) -> None:
        self.rows[completion.id] = completion

    async def get(self, completion_id: str) -> Completion | None:
        return self.rows.get(completion_id)

    async def of_enrolment(self, enrolment_id: str) -> Completion | None:
        return next((c for c in self.rows.values() if c.enrolment_id == enrolment_id), None)

    async def reported(self, nip: str, source: str, reference: str) -> Completion | None:
        return next(
            (
                c
                for c in self.rows.values()
                if (c.nip, c.source.value, c.reference) == (nip, source, reference)
            ),
            None,
        )

    async def courses_completed(self, nip: str) -> set[str]:
        return {
            c.course_code
            for c in self.rows.values()
            if c.nip == nip and c.course_code and c.satisfies_prerequisite
        }

    async def ledger(self, nip: str, year: int) -> list[LedgerEntry]:
        mine = sorted(
            (c for c in self.rows.values() if c.nip == nip and c.year == year),
            key=lambda c: c.completed_at,
        )
        return [
            LedgerEntry(
                c.id,
                c.title,
                c.course_code,
                c.source.value,
                c.outcome.value,
                c.credited_jp,
                c.completed_at,
            )
            for c in mine
        ]

    def jp_of(self, nip: str, year: int) -> int:
        return sum(c.credited_jp for c in self.rows.values() if c.nip == nip and c.year == year)

    async def search(
        self,
        visibility: Visibility,
        *,
        nip: str | None,
        year: int | None,
        limit: int,
        offset: int,
    ) -> Page[Completion]:
        found = [
            c
            for c in self.rows.values()
            if _visible(visibility, c.agency_code, c.nip)
            and nip in (None, c.nip)
            and year in (None, c.year)
        ]
        return _page(sorted(found, key=lambda c: c.completed_at, reverse=True), limit, offset)


class FakeEmployees:
    def __init__(self) -> None:
        self.rows: dict[str, Employee] = {}

    async def get(self, nip: str, *, lock: bool = False) -> Employee | None:
        return self.rows.get(nip)

    async def save(self, employee: Employee) -> None:
        self.rows[employee.nip] = employee

    def counted(self, roots: frozenset[str] | None) -> list[Employee]:
        return [
            e
            for e in self.rows.values()
            if e.active and has_duty(e.employment_type) and _within(e.agency_code, roots)
        ]


class FakeCompliance:
    """The figures from domain.ledger.summarise over the fake roster and completions."""

    def __init__(self, employees: FakeEmployees, completions: FakeCompletions) -> None:
        self._employees = employees
        self._completions = completions
        self.alert_rows: dict[tuple[str, int], ComplianceAlert] = {}

    async def by_agency(
        self, year: int, agencies: frozenset[str] | None
    ) -> list[ComplianceFigures]:
        by_code: dict[str, list[int]] = {}
        for e in self._employees.counted(agencies):
            by_code.setdefault(e.agency_code, []).append(self._completions.jp_of(e.nip, year))
        return [summarise(code, year, jps) for code, jps in sorted(by_code.items())]

    async def of_agency_tree(self, year: int, agency_code: str) -> ComplianceFigures:
        counted = self._employees.counted(frozenset({agency_code}))
        return summarise(agency_code, year, [self._completions.jp_of(e.nip, year) for e in counted])

    async def employees(
        self,
        year: int,
        agency_code: str,
        *,
        below_target_only: bool,
        limit: int,
        offset: int,
    ) -> Page[EmployeeCompliance]:
        found = [
            EmployeeCompliance(
                e.nip, e.name, e.agency_code, year, self._completions.jp_of(e.nip, year)
            )
            for e in self._employees.counted(frozenset({agency_code}))
        ]
        if below_target_only:
            found = [f for f in found if below_target(f.jp)]
        return _page(sorted(found, key=lambda f: (f.jp, f.nip)), limit, offset)

    async def hold_checks(self) -> None:
        pass  # one fake unit of work at a time

    async def alerts(self, year: int) -> dict[str, ComplianceAlert]:
        return {code: a for (code, y), a in self.alert_rows.items() if y == year}

    async def save_alert(self, alert: ComplianceAlert) -> None:
        self.alert_rows[(alert.agency_code, alert.year)] = alert


class FakeNeeds:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], AgencyNeeds] = {}

    async def get(self, agency_code: str, period: str) -> AgencyNeeds | None:
        return self.rows.get((agency_code, period))

    async def save(self, needs: AgencyNeeds) -> None:
        self.rows[(needs.agency_code, needs.period)] = needs

    async def of_period(
        self, period: str | None, agencies: frozenset[str] | None
    ) -> list[AgencyNeeds]:
        mine = [n for n in self.rows.values() if _within(n.agency_code, agencies)]
        if period is None and mine:
            period = max(n.period for n in mine)
        return sorted((n for n in mine if n.period == period), key=lambda n: n.agency_code)


class FakeXapi:
    """Statements only: what the roster consumer asks of the xAPI store."""

    def __init__(self) -> None:
        self.statements: dict[str, Statement] = {}

    async def waiting(
        self,
        *,
        activity_id: str | None = None,
        mbox: str | None = None,
        account_name: str | None = None,
    ) -> list[Statement]:
        return [
            s
            for s in self.statements.values()
            if s.status is StatementStatus.UNMAPPED
            and any(
                given is not None and given == held
                for given, held in (
                    (activity_id, s.activity_id),
                    (mbox, s.mbox),
                    (account_name, s.account_name),
                )
            )
        ]

    async def save_statement(self, statement: Statement) -> None:
        self.statements[statement.id] = statement


class FakeTrainingUnitOfWork(FakeUnitOfWorkBase):
    def __init__(self) -> None:
        super().__init__()
        self.courses = FakeCourses()
        self.sessions = FakeSessions()
        self.enrolments = self.sessions.enrolments
        self.requests = FakeRequests()
        self.completions = FakeCompletions()
        self.employees = FakeEmployees()
        self.compliance = FakeCompliance(self.employees, self.completions)
        self.needs = FakeNeeds()
        self.xapi = FakeXapi()
