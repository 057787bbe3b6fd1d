"""Tables of the evaluation service (its own metadata; never read by another service)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from bangkom.platform.db.types import JsonDocument, UtcDateTime


class EvaluationTable(SQLModel, registry=registry()):
    pass


metadata = EvaluationTable.metadata


class AgencyRow(EvaluationTable, table=True):
    __tablename__ = "agency"

    code: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=16)
    parent_code: str | None = Field(default=None, index=True, max_length=64)
    active: bool
    changed_at: datetime = Field(sa_type=UtcDateTime)


class FrameworkRow(EvaluationTable, table=True):
    """One published framework version, kept whole so old versions stay readable."""

    __tablename__ = "framework_version"

    version: int = Field(primary_key=True)
    document: dict[str, Any] = Field(sa_type=JsonDocument)
    published_at: datetime = Field(sa_type=UtcDateTime)
    public: bool = False


class FrameworkDraftRow(EvaluationTable, table=True):
    """Competencies read from a CASE package until an admin publishes them."""

    __tablename__ = "framework_draft"

    id: str = Field(primary_key=True, max_length=36)
    source_identifier: str = Field(max_length=200)
    source_title: str = Field(max_length=500)
    competencies: list[dict[str, Any]] = Field(sa_type=JsonDocument)
    skipped: list[str] = Field(sa_type=JsonDocument)
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(index=True, sa_type=UtcDateTime)
    published_version: int | None = None
    published_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class TechnicalCompetencyRow(EvaluationTable, table=True):
    __tablename__ = "technical_competency"

    code: str = Field(primary_key=True, max_length=48)
    agency_code: str = Field(index=True, max_length=64)
    name: str = Field(max_length=200)
    description: str
    levels: dict[str, str] = Field(sa_type=JsonDocument)
    related: list[str] = Field(default_factory=list, sa_type=JsonDocument)
    version: int
    changed_at: datetime = Field(sa_type=UtcDateTime)


class PositionRow(EvaluationTable, table=True):
    __tablename__ = "position"

    code: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    agency_code: str = Field(index=True, max_length=64)
    position_type: str = Field(index=True, max_length=32)
    overrides: dict[str, int] = Field(sa_type=JsonDocument)
    technical: dict[str, int] = Field(sa_type=JsonDocument)
    standard: dict[str, int] = Field(sa_type=JsonDocument)
    standard_version: int
    framework_version: int


class EmployeeRow(EvaluationTable, table=True):
    __tablename__ = "employee"

    nip: str = Field(primary_key=True, max_length=18)
    name: str = Field(max_length=200)
    employment_type: str = Field(max_length=8)
    agency_code: str = Field(index=True, max_length=64)
    position_code: str = Field(index=True, max_length=64)
    supervisor_nip: str | None = Field(default=None, max_length=18)
    active: bool
    changed_at: datetime = Field(sa_type=UtcDateTime)


class AssessmentResultRow(EvaluationTable, table=True):
    # The natural key makes a re-imported row a no-op.
    __tablename__ = "assessment_result"
    __table_args__ = (
        UniqueConstraint(
            "nip", "competency_code", "method", "evaluated_at", name="uq_assessment_result_natural"
        ),
    )

    id: str = Field(primary_key=True, max_length=36)
    nip: str = Field(index=True, max_length=18)
    competency_code: str = Field(max_length=48)
    level: int
    method: str = Field(max_length=32)
    evaluated_at: datetime = Field(sa_type=UtcDateTime)
    assessor: str | None = Field(default=None, max_length=200)
    evidence: str | None = Field(default=None)


class ImportJobRow(EvaluationTable, table=True):
    __tablename__ = "import_job"

    id: str = Field(primary_key=True, max_length=36)
    kind: str = Field(max_length=16)
    filename: str = Field(max_length=300)
    requested_by: str = Field(index=True, max_length=200)
    status: str = Field(max_length=16)
    created_at: datetime = Field(sa_type=UtcDateTime)
    rows_read: int
    rows_stored: int
    rows_unchanged: int
    rows_rejected: int
    finished_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    failure: str | None = None
    requester_roles: list[str] = Field(default_factory=list, sa_type=JsonDocument)
    requester_agencies: list[str] = Field(default_factory=list, sa_type=JsonDocument)
    spooled_on: str | None = Field(default=None, max_length=200)


class ImportErrorRow(EvaluationTable, table=True):
    __tablename__ = "import_error"

    job_id: str = Field(primary_key=True, max_length=36)
    row: int = Field(primary_key=True)
    column: str | None = Field(default=None, max_length=64)
    code: str = Field(max_length=64)
    reason: str


class TrainingEvaluationRow(EvaluationTable, table=True):
    __tablename__ = "training_evaluation"

    id: str = Field(primary_key=True, max_length=36)
    completion_id: str = Field(unique=True, max_length=64)
    nip: str = Field(index=True, max_length=18)
    agency_code: str = Field(index=True, max_length=64)
    course_code: str = Field(max_length=64)
    competencies: list[str] = Field(sa_type=JsonDocument)
    completed_at: datetime = Field(sa_type=UtcDateTime)
    due_at: datetime = Field(index=True, sa_type=UtcDateTime)
    # Set when L3 is recorded: what "completed" means, kept as a column to filter on.
    behaviour_recorded_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    records: dict[str, Any] = Field(sa_type=JsonDocument)
