"""What the handlers need from storage; adapters implement it, unit tests fake it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, Protocol, TypeVar

from bangkom.platform.db.uow import UnitOfWork
from bangkom.training.domain.catalog import Course
from bangkom.training.domain.completions import Completion
from bangkom.training.domain.demand import AgencyNeeds, SessionPlan
from bangkom.training.domain.enrolments import Enrolment, EnrolmentRequest, SessionRoll
from bangkom.training.domain.ledger import (
    ComplianceAlert,
    ComplianceFigures,
    EmployeeCompliance,
    LedgerEntry,
)
from bangkom.training.domain.roster import Employee
from bangkom.training.domain.sessions import Session
from bangkom.training.domain.xapi import LearningPlatform, Statement, StatementStatus

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int


@dataclass(frozen=True)
class Visibility:
    """Whose records a caller may read: agencies (with everything below them; None for
    every agency) and, for an employee, their own records besides."""

    agencies: frozenset[str] | None
    nip: str | None = None


@dataclass(frozen=True)
class CourseSearch:
    competency_code: str | None = None
    level: int | None = None  # a current level: courses someone at it can start
    target_level: int | None = None  # courses that develop the competency up to it
    mode: str | None = None
    provider: str | None = None  # part of the provider's name, any case
    text: str | None = None  # part of the code or title, any case
    statuses: frozenset[str] | None = None  # None: every status
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class SeatCount:
    enrolled: int = 0
    waitlisted: int = 0


class CourseRepository(Protocol):
    async def get(self, code: str) -> Course | None: ...

    async def save(self, course: Course) -> None: ...

    async def search(self, criteria: CourseSearch) -> Page[Course]: ...

    async def offered_developing(self, competency_codes: Iterable[str]) -> list[Course]: ...


class SessionRepository(Protocol):
    async def get(self, code: str) -> Session | None: ...

    async def roll(self, code: str, *, lock: bool) -> SessionRoll | None:
        """The session with all its enrolments; ``lock`` holds the session row until
        commit, so seat decisions on it are taken one at a time."""
        ...

    async def save(self, session: Session) -> None: ...

    async def code_of_batch(self, course_code: str, batch: int) -> str | None: ...

    async def search(
        self, *, course_code: str | None, status: str | None, limit: int, offset: int
    ) -> Page[Session]: ...

    async def open_for(self, course_code: str) -> list[Session]: ...

    async def seat_counts(self, codes: Iterable[str]) -> dict[str, SeatCount]: ...

    async def plans(self, course_codes: Iterable[str], today: date) -> dict[str, SessionPlan]: ...


class EnrolmentRepository(Protocol):
    async def get(self, enrolment_id: str) -> Enrolment | None: ...

    async def save(self, enrolment: Enrolment) -> None: ...

    async def current_of(self, nip: str, course_code: str | None = None) -> list[Enrolment]:
        """Enrolled or waitlisted, in sessions neither finished nor cancelled."""
        ...

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
    ) -> Page[Enrolment]: ...


class EnrolmentRequestRepository(Protocol):
    async def get(self, proposal_id: str) -> EnrolmentRequest | None: ...

    async def save(self, request: EnrolmentRequest) -> None: ...

    async def waiting(
        self, *, nip: str | None = None, course_code: str | None = None, claim: bool = False
    ) -> list[EnrolmentRequest]:
        """Waiting requests, oldest first. ``claim`` locks them until commit and leaves
        out those another transaction holds, so two placers never place one request."""
        ...

    async def search(
        self, visibility: Visibility, *, status: str | None, limit: int, offset: int
    ) -> Page[EnrolmentRequest]: ...


class CompletionRepository(Protocol):
    async def add(self, completion: Completion) -> None: ...

    async def get(self, completion_id: str) -> Completion | None: ...

    async def of_enrolment(self, enrolment_id: str) -> Completion | None: ...

    async def reported(self, nip: str, source: str, reference: str) -> Completion | None: ...

    async def courses_completed(self, nip: str) -> set[str]:
        """Codes of the catalog courses the employee attended or passed, any year."""
        ...

    async def ledger(self, nip: str, year: int) -> list[LedgerEntry]: ...

    async def search(
        self,
        visibility: Visibility,
        *,
        nip: str | None,
        year: int | None,
        limit: int,
        offset: int,
    ) -> Page[Completion]: ...


class EmployeeRepository(Protocol):
    async def get(self, nip: str, *, lock: bool = False) -> Employee | None: ...

    async def save(self, employee: Employee) -> None: ...


class ComplianceRepository(Protocol):
    async def by_agency(
        self, year: int, agencies: frozenset[str] | None
    ) -> list[ComplianceFigures]:
        """Figures per agency code (exactly), for the agencies within ``agencies``."""
        ...

    async def of_agency_tree(self, year: int, agency_code: str) -> ComplianceFigures:
        """Figures of an agency and everything below it, together."""
        ...

    async def employees(
        self,
        year: int,
        agency_code: str,
        *,
        below_target_only: bool,
        limit: int,
        offset: int,
    ) -> Page[EmployeeCompliance]: ...

    async def hold_checks(self) -> None:
        """Make every other compliance check wait until this transaction ends, so that
        replicas checking at the same moment alert an agency once."""
        ...

    async def alerts(self, year: int) -> dict[str, ComplianceAlert]: ...

    async def save_alert(self, alert: ComplianceAlert) -> None: ...


class NeedRepository(Protocol):
    async def get(self, agency_code: str, period: str) -> AgencyNeeds | None: ...

    async def save(self, needs: AgencyNeeds) -> None: ...

    async def of_period(
        self, period: str | None, agencies: frozenset[str] | None
    ) -> list[AgencyNeeds]:
        """Needs of one period (None: the latest period known), within ``agencies``."""
        ...


class XapiRepository(Protocol):
    async def platform(self, code: str) -> LearningPlatform | None: ...

    async def save_platform(self, platform: LearningPlatform) -> None: ...

    async def course_of(self, activity_id: str) -> str | None: ...

    async def map_activity(
        self, activity_id: str, course_code: str, by: str, at: datetime
    ) -> None: ...

    async def nip_of(self, mbox: str) -> str | None: ...

    async def register_actor(self, mbox: str, nip: str, by: str, at: datetime) -> None: ...

    async def pulled_since(self, source: str) -> datetime | None:
        """The ``stored`` time of the last statement read from another LRS."""
        ...

    async def save_pulled_since(self, source: str, since: datetime) -> None: ...

    async def statement(self, statement_id: str) -> Statement | None: ...

    async def save_statement(self, statement: Statement) -> None: ...

    async def waiting(
        self,
        *,
        activity_id: str | None = None,
        mbox: str | None = None,
        account_name: str | None = None,
    ) -> list[Statement]:
        """Unmapped statements of an activity, a mailbox or an account, the oldest first."""
        ...

    async def statements(
        self, *, status: StatementStatus | None, limit: int, offset: int
    ) -> list[Statement]:
        """The newest first."""
        ...


class TrainingUnitOfWork(UnitOfWork, Protocol):
    courses: CourseRepository
    sessions: SessionRepository
    enrolments: EnrolmentRepository
    requests: EnrolmentRequestRepository
    completions: CompletionRepository
    employees: EmployeeRepository
    compliance: ComplianceRepository
    needs: NeedRepository
    xapi: XapiRepository
