"""Commands the training service accepts (imperative names)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bangkom.platform.auth import Caller
from bangkom.training.domain.catalog import CompetencyStep, CourseStatus, LearningMode
from bangkom.training.domain.completions import CompletionOutcome, CompletionSource
from bangkom.training.domain.sessions import SessionStatus
from bangkom.training.domain.xapi import Statement


@dataclass(frozen=True)
class PublishCourse:
    """Create or change a course in the catalog (status decides whether it is offered)."""

    caller: Caller
    code: str
    title: str
    competencies: list[CompetencyStep]
    jp: int
    mode: LearningMode
    provider: str
    cost: int
    status: CourseStatus
    prerequisites: list[str]


@dataclass(frozen=True)
class ScheduleSession:
    """Create or change a session (angkatan); opening it places waiting requests."""

    caller: Caller
    code: str
    course_code: str
    batch: int
    starts_on: date
    ends_on: date
    capacity: int
    enrolment_opens_at: datetime
    enrolment_closes_at: datetime
    status: SessionStatus
    location: str | None = None
    online_url: str | None = None


@dataclass(frozen=True)
class EnrolEmployee:
    caller: Caller
    session_code: str
    nip: str


@dataclass(frozen=True)
class CancelEnrolment:
    caller: Caller
    enrolment_id: str
    reason: str | None = None


@dataclass(frozen=True)
class PlaceWaitingRequests:
    """Place accepted proposals still waiting into sessions whose enrolment is open."""

    caller: Caller


@dataclass(frozen=True)
class RecordSessionCompletion:
    caller: Caller
    enrolment_id: str
    outcome: CompletionOutcome
    score: float | None = None
    completed_at: datetime | None = None  # None: now


@dataclass(frozen=True)
class RecordExternalCompletion:
    """Training done outside the catalog's sessions (an LMS, a certificate)."""

    caller: Caller
    nip: str
    source: CompletionSource
    reference: str
    outcome: CompletionOutcome
    completed_at: datetime
    course_code: str | None = None
    title: str | None = None
    jp: int | None = None
    mode: LearningMode | None = None
    competencies: list[CompetencyStep] | None = None
    score: float | None = None


@dataclass(frozen=True)
class CheckCompliance:
    """Compare every agency with the 20 JP pace; alert those that fell behind."""

    caller: Caller
    year: int | None = None  # None: the current year


@dataclass(frozen=True)
class RegisterLearningPlatform:
    """Give an e-learning platform credentials for /xapi/statements (a new secret)."""

    caller: Caller
    code: str
    name: str


@dataclass(frozen=True)
class MapActivity:
    caller: Caller
    activity_id: str
    course_code: str


@dataclass(frozen=True)
class RegisterActor:
    """An employee's mailbox (mailto:) as the platforms name them."""

    caller: Caller
    mbox: str
    nip: str


@dataclass(frozen=True)
class StorePulledStatements:
    """A page of statements read from another LRS, and how far that page reached."""

    source: str
    platform_code: str
    statements: list[Statement]
    until: datetime | None  # set on the last page of a pull: where the next one starts


@dataclass(frozen=True)
class StoreStatements:
    """Statements a platform sent, all or none; their ids in order."""

    platform_code: str
    statements: list[Statement]
