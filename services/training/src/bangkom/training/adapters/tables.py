"""Tables of the training service (its own metadata; never read by another service)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Index, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from bangkom.platform.db.types import JsonDocument, UtcDateTime


class TrainingTable(SQLModel, registry=registry()):
    pass


metadata = TrainingTable.metadata


class CourseRow(TrainingTable, table=True):
    __tablename__ = "course"

    code: str = Field(primary_key=True, max_length=64)
    title: str = Field(max_length=300)
    competencies: list[dict[str, Any]] = Field(sa_type=JsonDocument)
    jp: int
    mode: str = Field(max_length=32)
    provider: str = Field(max_length=200)
    cost: int
    status: str = Field(index=True, max_length=16)
    prerequisites: list[str] = Field(sa_type=JsonDocument)
    changed_at: datetime = Field(sa_type=UtcDateTime)


class CourseCompetencyRow(TrainingTable, table=True):
    """Search index: which course develops which competency, from which level to which."""

    __tablename__ = "course_competency"

    course_code: str = Field(primary_key=True, max_length=64)
    competency_code: str = Field(primary_key=True, index=True, max_length=48)
    level_from: int
    level_to: int


class SessionRow(TrainingTable, table=True):
    __tablename__ = "course_session"
    __table_args__ = (UniqueConstraint("course_code", "batch", name="uq_course_session_batch"),)

    code: str = Field(primary_key=True, max_length=64)
    course_code: str = Field(index=True, max_length=64)
    batch: int
    starts_on: date
    ends_on: date
    capacity: int
    enrolment_opens_at: datetime = Field(sa_type=UtcDateTime)
    enrolment_closes_at: datetime = Field(sa_type=UtcDateTime)
    location: str | None = Field(default=None, max_length=300)
    online_url: str | None = Field(default=None, max_length=500)
    status: str = Field(index=True, max_length=16)
    changed_at: datetime = Field(sa_type=UtcDateTime)


class EnrolmentRow(TrainingTable, table=True):
    __tablename__ = "enrolment"
    __table_args__ = (
        # One enrolment per person per session; re-enrolling reuses the row.
        UniqueConstraint("session_code", "nip", name="uq_enrolment_session_nip"),
        UniqueConstraint("session_code", "queue_number", name="uq_enrolment_session_queue"),
    )

    id: str = Field(primary_key=True, max_length=36)
    session_code: str = Field(index=True, max_length=64)
    course_code: str = Field(index=True, max_length=64)
    nip: str = Field(index=True, max_length=18)
    agency_code: str = Field(index=True, max_length=64)
    status: str = Field(max_length=16)
    queue_number: int
    enrolled_by: str = Field(max_length=200)
    requested_at: datetime = Field(sa_type=UtcDateTime)
    changed_at: datetime = Field(sa_type=UtcDateTime)
    proposal_id: str | None = Field(default=None, index=True, max_length=64)
    reason: str | None = Field(default=None, max_length=500)


class EnrolmentRequestRow(TrainingTable, table=True):
    """Accepted proposals, placed or waiting for a session."""

    __tablename__ = "enrolment_request"

    proposal_id: str = Field(primary_key=True, max_length=64)
    nip: str = Field(index=True, max_length=18)
    agency_code: str = Field(index=True, max_length=64)
    course_code: str = Field(index=True, max_length=64)
    status: str = Field(index=True, max_length=16)
    requested_at: datetime = Field(sa_type=UtcDateTime)
    changed_at: datetime = Field(sa_type=UtcDateTime)
    enrolment_id: str | None = Field(default=None, max_length=36)
    reason: str | None = Field(default=None, max_length=500)


class CompletionRow(TrainingTable, table=True):
    """Completions are the JP ledger: credited JP per employee and year."""

    __tablename__ = "completion"
    __table_args__ = (
        Index("ix_completion_nip_year", "nip", "year"),
        Index("ix_completion_year", "year"),
        # The same certificate or LMS record is recorded once per person.
        UniqueConstraint("nip", "source", "reference", name="uq_completion_reported"),
    )

    id: str = Field(primary_key=True, max_length=36)
    nip: str = Field(max_length=18)
    agency_code: str = Field(index=True, max_length=64)
    year: int
    title: str = Field(max_length=300)
    outcome: str = Field(max_length=16)
    score: float | None = None
    jp: int
    jp_credited: int
    mode: str = Field(max_length=32)
    competencies: list[dict[str, Any]] = Field(sa_type=JsonDocument)
    source: str = Field(max_length=16)
    reference: str | None = Field(default=None, max_length=200)
    course_code: str | None = Field(default=None, index=True, max_length=64)
    session_code: str | None = Field(default=None, max_length=64)
    enrolment_id: str | None = Field(default=None, unique=True, max_length=36)
    proposal_id: str | None = Field(default=None, max_length=64)
    completed_at: datetime = Field(sa_type=UtcDateTime)
    recorded_by: str = Field(max_length=200)
    recorded_at: datetime = Field(sa_type=UtcDateTime)


class EmployeeRow(TrainingTable, table=True):
    """The roster as published by the evaluation service (read model)."""

    __tablename__ = "employee"

    nip: str = Field(primary_key=True, max_length=18)
    name: str = Field(max_length=200)
    employment_type: str = Field(max_length=8)
    agency_code: str = Field(index=True, max_length=64)
    position_code: str = Field(max_length=64)
    active: bool
    changed_at: datetime = Field(sa_type=UtcDateTime)


class AgencyNeedsRow(TrainingTable, table=True):
    """Aggregated training needs per agency and planning period (read model)."""

    __tablename__ = "agency_needs"

    agency_code: str = Field(primary_key=True, max_length=64)
    period: str = Field(primary_key=True, max_length=32)
    survey_id: str = Field(max_length=64)
    headcount: int
    needs: list[dict[str, Any]] = Field(sa_type=JsonDocument)
    aggregated_at: datetime = Field(sa_type=UtcDateTime)


class ComplianceAlertRow(TrainingTable, table=True):
    __tablename__ = "compliance_alert"

    agency_code: str = Field(primary_key=True, max_length=64)
    year: int = Field(primary_key=True)
    behind: bool
    checked_at: datetime = Field(sa_type=UtcDateTime)


class LearningPlatformRow(TrainingTable, table=True):
    __tablename__ = "xapi_platform"

    code: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    secret_digest: str = Field(max_length=64)
    registered_at: datetime = Field(sa_type=UtcDateTime)


class XapiActivityRow(TrainingTable, table=True):
    """Which catalog course an xAPI activity (an IRI) is."""

    __tablename__ = "xapi_activity"

    activity_id: str = Field(primary_key=True, max_length=500)
    course_code: str = Field(max_length=64)
    mapped_by: str = Field(max_length=200)
    mapped_at: datetime = Field(sa_type=UtcDateTime)


class XapiActorRow(TrainingTable, table=True):
    """Whose mailbox (mailto:) an xAPI actor is."""

    __tablename__ = "xapi_actor"

    mbox: str = Field(primary_key=True, max_length=320)
    nip: str = Field(index=True, max_length=18)
    registered_by: str = Field(max_length=200)
    registered_at: datetime = Field(sa_type=UtcDateTime)


class XapiPullRow(TrainingTable, table=True):
    """How far the statements of another LRS have been read (its ``stored`` time)."""

    __tablename__ = "xapi_pull"

    source: str = Field(primary_key=True, max_length=500)
    since: datetime = Field(sa_type=UtcDateTime)


class XapiStatementRow(TrainingTable, table=True):
    __tablename__ = "xapi_statement"

    id: str = Field(primary_key=True, max_length=36)
    platform_code: str = Field(max_length=64)
    content: dict[str, Any] = Field(sa_type=JsonDocument)
    verb_id: str = Field(max_length=500)
    activity_id: str = Field(index=True, max_length=500)
    account_name: str | None = Field(default=None, index=True, max_length=200)
    mbox: str | None = Field(default=None, index=True, max_length=320)
    success: bool | None = None
    timestamp: datetime = Field(sa_type=UtcDateTime)
    registration: str | None = Field(default=None, max_length=36)
    stored_at: datetime = Field(index=True, sa_type=UtcDateTime)
    status: str = Field(index=True, max_length=16)
    reason: str | None = Field(default=None, max_length=300)
    completion_id: str | None = Field(default=None, max_length=36)
