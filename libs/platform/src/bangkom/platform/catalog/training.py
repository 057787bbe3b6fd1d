"""Events published by the training service."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from bangkom.platform.catalog import topics
from bangkom.platform.catalog.base import Event, Payload, Topic
from bangkom.platform.catalog.types import AwareDatetime, Code, CompetencyCode, Level, NipStr

SOURCE = "/bangkom/training"

CourseStatus = Literal["draft", "published", "retired"]
LearningMode = Literal[
    "klasikal", "e_learning", "blended", "coaching", "mentoring", "seminar", "self_study"
]
SessionStatus = Literal["planned", "open", "closed", "running", "finished", "cancelled"]
EnrolmentStatus = Literal["enrolled", "waitlisted", "cancelled"]
CompletionOutcome = Literal["attended", "passed", "failed"]
CompletionSource = Literal["session", "lms", "certificate", "other"]


class CourseCompetency(Payload):
    competency_code: CompetencyCode
    level_from: Level
    level_to: Level


class CourseUpdated(Event):
    """The catalog's current state of one course; the last event per code is the course."""

    TYPE: ClassVar[str] = "id.go.bangkom.training.course.updated.v1"
    TOPIC: ClassVar[Topic] = topics.CATALOG
    SOURCE: ClassVar[str] = SOURCE

    course_code: Code
    title: str
    competencies: list[CourseCompetency]
    jp: int = Field(ge=1, description="Jam pelajaran credited on completion")
    mode: LearningMode
    provider: str
    cost: int = Field(ge=0, description="Cost per participant in rupiah")
    prerequisites: list[Code] = Field(default_factory=list)
    status: CourseStatus
    changed_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.course_code


class SessionUpdated(Event):
    """The current state of one session (angkatan) of a course."""

    TYPE: ClassVar[str] = "id.go.bangkom.training.session.updated.v1"
    TOPIC: ClassVar[Topic] = topics.SESSIONS
    SOURCE: ClassVar[str] = SOURCE

    session_code: Code
    course_code: Code
    batch: int = Field(ge=1, description="Angkatan number")
    starts_on: date
    ends_on: date
    capacity: int = Field(ge=1)
    enrolment_opens_at: AwareDatetime
    enrolment_closes_at: AwareDatetime
    location: str | None = None
    online_url: str | None = None
    status: SessionStatus
    changed_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.session_code


class EnrolmentChanged(Event):
    """An enrolment was created, moved between waitlist and seat, or cancelled."""

    TYPE: ClassVar[str] = "id.go.bangkom.training.enrolment.changed.v1"
    TOPIC: ClassVar[Topic] = topics.ENROLMENTS
    SOURCE: ClassVar[str] = SOURCE

    enrolment_id: str
    nip: NipStr
    agency_code: Code
    session_code: Code
    course_code: Code
    status: EnrolmentStatus
    queue_number: int | None = Field(
        default=None,
        description="Order in which the person asked for a seat in this session: among the "
        "waitlisted, the lowest is promoted first",
    )
    proposal_id: str | None = Field(default=None, description="Set when it came from a proposal")
    changed_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.nip


class CompletionRecorded(Event):
    """A person completed (or attended, or failed) a course; JP credited when not failed."""

    TYPE: ClassVar[str] = "id.go.bangkom.training.completion.recorded.v1"
    TOPIC: ClassVar[Topic] = topics.COMPLETIONS
    SOURCE: ClassVar[str] = SOURCE

    completion_id: str
    nip: NipStr
    agency_code: Code
    course_code: Code | None = Field(description="None for training reported from outside")
    title: str | None = Field(default=None, description="What was completed (outside training)")
    reference: str | None = Field(default=None, description="Certificate or LMS reference")
    session_code: Code | None = None
    outcome: CompletionOutcome
    score: float | None = None
    jp: int = Field(ge=0, description="JP credited to the person's ledger for the year")
    mode: LearningMode
    competencies: list[CourseCompetency] = Field(default_factory=list)
    source: CompletionSource
    proposal_id: str | None = None
    completed_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.nip


class EnrolmentRequestDeclined(Event):
    """An accepted proposal could not become an enrolment (course not offered, missing
    prerequisites, inactive employee, ...)."""

    TYPE: ClassVar[str] = "id.go.bangkom.training.enrolment-request.declined.v1"
    TOPIC: ClassVar[Topic] = topics.ENROLMENTS
    SOURCE: ClassVar[str] = SOURCE

    proposal_id: str
    nip: NipStr
    agency_code: Code
    course_code: Code
    reason: str
    declined_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.nip


class ComplianceFellBehind(Event):
    """An agency is behind the pace needed for every employee to reach 20 JP by year end."""

    TYPE: ClassVar[str] = "id.go.bangkom.training.compliance.fell-behind.v1"
    TOPIC: ClassVar[Topic] = topics.COMPLIANCE
    SOURCE: ClassVar[str] = SOURCE

    agency_code: Code
    year: int
    employees: int
    below_target: int = Field(description="Employees with fewer than 20 JP so far")
    jp_missing: int = Field(description="JP still missing to bring everyone to 20")
    expected_jp_to_date: float = Field(description="Agency JP the pace calls for by now")
    actual_jp_to_date: int = Field(
        description="Agency JP toward the target so far, each person counted up to 20 JP"
    )
    as_of: AwareDatetime

    @property
    def key(self) -> str:
        return self.agency_code
