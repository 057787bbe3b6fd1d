"""Tables of the career service (its own metadata; never read by another service): read
models built only from events, and the service's own ratings, placements, pools and
plans."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from bangkom.platform.db.types import JsonDocument, UtcDateTime


class CareerTable(SQLModel, registry=registry()):
    pass


metadata = CareerTable.metadata


# Read models of the evaluation service's roster, standards and results, and of the
# training catalog and completions.


class EmployeeRow(CareerTable, table=True):
    __tablename__ = "employee"
    __table_args__ = (Index("ix_employee_position_active", "position_code", "active"),)

    nip: str = Field(primary_key=True, max_length=18)
    name: str = Field(max_length=200)
    agency_code: str = Field(index=True, max_length=64)
    position_code: str = Field(max_length=64)
    supervisor_nip: str | None = Field(default=None, index=True, max_length=18)
    active: bool
    changed_at: datetime = Field(sa_type=UtcDateTime)
    in_position_since: datetime = Field(sa_type=UtcDateTime)


class PositionRow(CareerTable, table=True):
    __tablename__ = "position"

    code: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    agency_code: str = Field(index=True, max_length=64)
    position_type: str | None = Field(default=None, index=True, max_length=48)
    version: int
    requirements: list[dict[str, Any]] = Field(sa_type=JsonDocument)
    published_at: datetime = Field(sa_type=UtcDateTime)


class LevelRow(CareerTable, table=True):
    """The current level per employee and competency (by the evaluation precedence)."""

    __tablename__ = "competency_level"

    nip: str = Field(primary_key=True, max_length=18)
    competency_code: str = Field(primary_key=True, max_length=48)
    level: int
    evaluated_at: datetime = Field(sa_type=UtcDateTime)
    result_id: str = Field(max_length=36)
    period: int
    method_rank: int


class LevelMapRow(CareerTable, table=True):
    """Each employee's current levels in one row ({competency: level}), kept with
    competency_level: ranking a position's candidates reads one row per candidate."""

    __tablename__ = "current_levels"

    nip: str = Field(primary_key=True, max_length=18)
    levels: dict[str, Any] = Field(sa_type=JsonDocument)


class CourseRow(CareerTable, table=True):
    __tablename__ = "course"

    code: str = Field(primary_key=True, max_length=64)
    title: str = Field(max_length=300)
    steps: list[dict[str, Any]] = Field(sa_type=JsonDocument)
    jp: int
    mode: str = Field(max_length=32)
    provider: str = Field(default="", max_length=200)
    cost: int
    published: bool = Field(index=True)
    prerequisites: list[str] = Field(sa_type=JsonDocument)
    changed_at: datetime = Field(sa_type=UtcDateTime)


class CompletionRow(CareerTable, table=True):
    __tablename__ = "completion"

    nip: str = Field(primary_key=True, max_length=18)
    course_code: str = Field(primary_key=True, max_length=64)


# The service's own records.


class RatingRow(CareerTable, table=True):
    """An SKP predicate of one employee and year (PermenPANRB 6/2022)."""

    __tablename__ = "performance_rating"

    nip: str = Field(primary_key=True, max_length=18)
    year: int = Field(primary_key=True)
    agency_code: str = Field(index=True, max_length=64)
    predicate: str = Field(max_length=24)
    rated_at: datetime = Field(sa_type=UtcDateTime)


class AssessmentRow(CareerTable, table=True):
    """The latest potential-assessment score (0-100) of an employee."""

    __tablename__ = "potential_assessment"

    nip: str = Field(primary_key=True, max_length=18)
    score: float
    assessed_at: datetime = Field(sa_type=UtcDateTime)


class AgencyPolicyRow(CareerTable, table=True):
    __tablename__ = "agency_policy"

    agency_code: str = Field(primary_key=True, max_length=64)
    target_step: int
    assessment_weight: float
    high_from: float
    medium_from: float
    ready_now_from: float
    ready_soon_from: float
    employees_see_own_box: bool
    changed_at: datetime = Field(sa_type=UtcDateTime)


class PlacementRow(CareerTable, table=True):
    """The current nine-box placement of an employee."""

    __tablename__ = "talent_placement"
    __table_args__ = (Index("ix_talent_placement_agency_box", "agency_code", "box"),)

    nip: str = Field(primary_key=True, max_length=18)
    agency_code: str = Field(max_length=64)
    position_code: str = Field(max_length=64)
    performance: str | None = Field(default=None, max_length=24)
    potential: str | None = Field(default=None, max_length=16)
    potential_score: float | None = None
    box: int | None = None
    placed_at: datetime = Field(sa_type=UtcDateTime)


class PlacementHistoryRow(CareerTable, table=True):
    """Every placement an employee had, from the business time it took effect."""

    __tablename__ = "talent_history"

    nip: str = Field(primary_key=True, max_length=18)
    placed_at: datetime = Field(primary_key=True, sa_type=UtcDateTime)
    agency_code: str = Field(max_length=64)
    position_code: str = Field(max_length=64)
    performance: str | None = Field(default=None, max_length=24)
    potential: str | None = Field(default=None, max_length=16)
    potential_score: float | None = None
    box: int | None = None


class SuccessionPlanRow(CareerTable, table=True):
    """A critical position and the settings of its pool."""

    __tablename__ = "succession_plan"

    position_code: str = Field(primary_key=True, max_length=64)
    agency_code: str = Field(index=True, max_length=64)
    pool_size: int
    minimum_ready: int
    short: bool = False


class SuccessionMemberRow(CareerTable, table=True):
    __tablename__ = "succession_member"

    position_code: str = Field(primary_key=True, max_length=64)
    nip: str = Field(primary_key=True, max_length=18)
    rank: int
    jpm: float
    readiness: str = Field(max_length=24)
    box: int | None = None


class PlanRow(CareerTable, table=True):
    """A development plan (IDP): its items as JSON, decided by the supervisor."""

    __tablename__ = "development_plan"

    id: str = Field(primary_key=True, max_length=36)
    nip: str = Field(index=True, max_length=18)
    agency_code: str = Field(index=True, max_length=64)
    target_position_code: str = Field(max_length=64)
    jp_budget: int
    items: list[dict[str, Any]] = Field(sa_type=JsonDocument)
    unknown_competencies: list[str] = Field(sa_type=JsonDocument)
    status: str = Field(max_length=16)
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=UtcDateTime)
    decided_by: str | None = Field(default=None, max_length=200)
    decided_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    note: str | None = Field(default=None, max_length=2000)


class PlanProposalRow(CareerTable, table=True):
    """The training proposal (recommendation) an approved plan item became."""

    __tablename__ = "plan_proposal"

    proposal_id: str = Field(primary_key=True, max_length=36)
    plan_id: str = Field(index=True, max_length=36)
    competency_code: str = Field(max_length=48)
    course_code: str = Field(max_length=64)
    status: str = Field(max_length=16)
