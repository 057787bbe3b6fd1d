"""Tables of the recommendation service (its own metadata; read models built only from
events, plus the service's own gaps and proposals)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Integer
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from bangkom.platform.db.types import JsonDocument, UtcDateTime


class RecommendationTable(SQLModel, registry=registry()):
    pass


metadata = RecommendationTable.metadata
MARK_ID = BigInteger().with_variant(Integer(), "sqlite")


class PlacementRow(RecommendationTable, table=True):
    __tablename__ = "placement"

    nip: str = Field(primary_key=True, max_length=18)
    agency_code: str = Field(index=True, max_length=64)
    position_code: str = Field(index=True, max_length=64)
    supervisor_nip: str | None = Field(default=None, index=True, max_length=18)
    employment_type: str = Field(default="PNS", max_length=8)
    active: bool
    changed_at: datetime = Field(sa_type=UtcDateTime)


class StandardRow(RecommendationTable, table=True):
    __tablename__ = "position_standard"

    position_code: str = Field(primary_key=True, max_length=64)
    agency_code: str = Field(max_length=64)
    version: int
    requirements: list[dict[str, Any]] = Field(sa_type=JsonDocument)
    published_at: datetime = Field(sa_type=UtcDateTime)


class LevelRow(RecommendationTable, table=True):
    """The current level per employee and competency (by the evaluation precedence)."""

    __tablename__ = "competency_level"

    nip: str = Field(primary_key=True, max_length=18)
    competency_code: str = Field(primary_key=True, max_length=48)
    level: int
    evaluated_at: datetime = Field(sa_type=UtcDateTime)
    result_id: str = Field(max_length=36)
    period: int
    method_rank: int


class ResultHistoryRow(RecommendationTable, table=True):
    """Every result received, current or not: levels at any past date."""

    __tablename__ = "result_history"

    result_id: str = Field(primary_key=True, max_length=36)
    nip: str = Field(index=True, max_length=18)
    competency_code: str = Field(max_length=48)
    level: int
    evaluated_at: datetime = Field(sa_type=UtcDateTime)
    period: int
    method_rank: int


class CourseRow(RecommendationTable, table=True):
    __tablename__ = "course"

    code: str = Field(primary_key=True, max_length=64)
    title: str = Field(max_length=300)
    steps: list[dict[str, Any]] = Field(sa_type=JsonDocument)
    jp: int
    mode: str = Field(max_length=32)
    provider: str = Field(default="", max_length=200)
    prerequisites: list[str] = Field(default_factory=list, sa_type=JsonDocument)
    cost: int
    published: bool
    changed_at: datetime = Field(sa_type=UtcDateTime)


class CourseCompetencyRow(RecommendationTable, table=True):
    """Which course develops which competency: the index proposals search by."""

    __tablename__ = "course_competency"

    course_code: str = Field(primary_key=True, max_length=64)
    competency_code: str = Field(primary_key=True, index=True, max_length=48)


class NeedRow(RecommendationTable, table=True):
    """An agency's latest aggregated needs (replaced by each closed survey)."""

    __tablename__ = "agency_need"

    agency_code: str = Field(primary_key=True, max_length=64)
    competency_code: str = Field(primary_key=True, max_length=48)
    rank: int
    priority: float
    period: str = Field(max_length=32)
    survey_id: str = Field(max_length=64)
    aggregated_at: datetime = Field(sa_type=UtcDateTime)


class EnrolmentRow(RecommendationTable, table=True):
    __tablename__ = "enrolment"

    enrolment_id: str = Field(primary_key=True, max_length=64)
    nip: str = Field(index=True, max_length=18)
    course_code: str = Field(max_length=64)
    status: str = Field(max_length=16)
    proposal_id: str | None = Field(default=None, max_length=64)
    changed_at: datetime = Field(sa_type=UtcDateTime)


class CompletionRow(RecommendationTable, table=True):
    __tablename__ = "completion"

    completion_id: str = Field(primary_key=True, max_length=64)
    nip: str = Field(index=True, max_length=18)
    agency_code: str = Field(index=True, max_length=64)
    course_code: str | None = Field(default=None, max_length=64)
    outcome: str = Field(max_length=16)
    jp: int
    year: int = Field(index=True)
    competencies: list[str] = Field(default_factory=list, sa_type=JsonDocument)
    completed_at: datetime = Field(sa_type=UtcDateTime)


class GapRow(RecommendationTable, table=True):
    __tablename__ = "gap"

    nip: str = Field(primary_key=True, max_length=18)
    competency_code: str = Field(primary_key=True, max_length=48)
    agency_code: str = Field(index=True, max_length=64)
    competency_name: str = Field(max_length=200)
    required_level: int
    current_level: int | None = None
    status: str = Field(index=True, max_length=16)
    standard_version: int
    # When this gap's figures were last written: a recalculation that leaves a gap as it
    # was does not write its row again.
    calculated_at: datetime = Field(sa_type=UtcDateTime)


class GapHistoryRow(RecommendationTable, table=True):
    """Each gap as it was from valid_from until valid_to (None: still so)."""

    __tablename__ = "gap_history"

    nip: str = Field(primary_key=True, max_length=18)
    competency_code: str = Field(primary_key=True, max_length=48)
    valid_from: datetime = Field(primary_key=True, sa_type=UtcDateTime)
    valid_to: datetime | None = Field(default=None, index=True, sa_type=UtcDateTime)
    agency_code: str = Field(index=True, max_length=64)
    required_level: int
    current_level: int | None = None
    status: str = Field(max_length=16)


class AnalyticsMarkRow(RecommendationTable, table=True):
    """An agency whose summaries a committed transaction may have made stale: inserted
    with the change (one row per agency and transaction, never updated, so writers do not
    queue on a shared row), deleted by the summary worker once it has recomputed them."""

    __tablename__ = "analytics_mark"

    # 64 bits on PostgreSQL (marks come and go for as long as the service runs); SQLite
    # numbers a row by its INTEGER PRIMARY KEY, 64 bits already.
    id: int | None = Field(default=None, primary_key=True, sa_type=MARK_ID)
    agency_code: str = Field(index=True, max_length=64)


class GapSummaryRow(RecommendationTable, table=True):
    """The current gaps of one (leaf) agency in one competency: ``gap_cells`` as the
    GROUP BY gives it, kept for the agencies without a mark."""

    __tablename__ = "gap_summary"

    agency_code: str = Field(primary_key=True, max_length=64)
    competency_code: str = Field(primary_key=True, max_length=48)
    competency_name: str = Field(max_length=200)
    employees: int
    met: int
    open: int
    unknown: int
    gap_sum: int


class JpmSummaryRow(RecommendationTable, table=True):
    """``employees`` of one agency whose JPM sums are ``met`` of ``required``: the
    ``jpm_buckets`` of the GROUP BY (their employees add up to the agency's employees
    with a gap row, so ``gap_employees`` is read from here too)."""

    __tablename__ = "jpm_summary"

    agency_code: str = Field(primary_key=True, max_length=64)
    met: int = Field(primary_key=True)
    required: int = Field(primary_key=True)
    assessed: int = Field(primary_key=True)  # 1: at least one competency assessed
    employees: int


class ComplianceSummaryRow(RecommendationTable, table=True):
    """20 JP compliance of one agency in ``year`` against ``target`` (the year it was
    recomputed in, WIB): used for that year and target only."""

    __tablename__ = "jp_compliance_summary"

    agency_code: str = Field(primary_key=True, max_length=64)
    year: int
    target: int
    employees: int
    below_target: int
    jp_missing: int
    jp_total: int


class ProposalRow(RecommendationTable, table=True):
    __tablename__ = "proposal"

    id: str = Field(primary_key=True, max_length=36)
    nip: str = Field(index=True, max_length=18)
    agency_code: str = Field(index=True, max_length=64)
    competency_code: str = Field(max_length=48)
    course_code: str = Field(max_length=64)
    current_level: int
    required_level: int
    jp: int = 0
    score: float
    reasons: list[str] = Field(sa_type=JsonDocument)
    status: str = Field(index=True, max_length=16)
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime = Field(sa_type=UtcDateTime)
    decided_by: str | None = Field(default=None, max_length=200)
    status_reason: str | None = None
    plan_id: str | None = Field(default=None, max_length=36)


class RecalculationRow(RecommendationTable, table=True):
    """Employees waiting to be recalculated after a standard changed (done in batches)."""

    __tablename__ = "pending_recalculation"

    nip: str = Field(primary_key=True, max_length=18)
    reason: str = Field(max_length=200)
    as_of: datetime = Field(sa_type=UtcDateTime)


class UnitSatisfactionRow(RecommendationTable, table=True):
    """The public's satisfaction with a service unit per closed SKM period (from the
    survey service's events)."""

    __tablename__ = "unit_satisfaction"

    unit_code: str = Field(primary_key=True, max_length=64)
    period: str = Field(primary_key=True, max_length=64)
    respondents: int
    sample_sufficient: bool
    converted: float
    spread: float | None = Field(default=None)
    elements: dict[str, float] = Field(sa_type=JsonDocument)
    closed_at: datetime = Field(sa_type=UtcDateTime)
