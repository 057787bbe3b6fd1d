"""Commands the career service accepts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bangkom.platform.auth import Caller


@dataclass(frozen=True)
class RecordRating:
    """Record (or correct) an employee's SKP predicate of one year."""

    caller: Caller
    nip: str
    year: int
    predicate: str
    rated_at: datetime | None = None


@dataclass(frozen=True)
class RatingRow:
    """One row of a ratings file as read (cells as text), with the row number people see."""

    row: int
    nip: str
    year: str
    predicate: str
    problem: str | None = None  # why the nip cell cannot be read (the row is refused)


@dataclass(frozen=True)
class ImportRatings:
    """Record the SKP ratings of a file's rows; rows with errors are reported, the
    others recorded."""

    caller: Caller
    rows: tuple[RatingRow, ...]


@dataclass(frozen=True)
class RecordPotentialAssessment:
    caller: Caller
    nip: str
    score: float
    assessed_at: datetime | None = None


@dataclass(frozen=True)
class SetAgencyPolicy:
    """An agency's potential rule, its positions' readiness thresholds and whether its
    employees see their own box."""

    caller: Caller
    agency_code: str
    target_step: int
    assessment_weight: float
    high_from: float
    medium_from: float
    ready_now_from: float
    ready_soon_from: float
    employees_see_own_box: bool


@dataclass(frozen=True)
class MarkCritical:
    """Mark a position critical: it gets a succession pool."""

    caller: Caller
    position_code: str
    pool_size: int = 5
    minimum_ready: int = 2


@dataclass(frozen=True)
class UnmarkCritical:
    caller: Caller
    position_code: str


@dataclass(frozen=True)
class CreatePlan:
    """Draft a development plan for an employee toward a target position."""

    caller: Caller
    nip: str
    target_position_code: str
    jp_budget: int | None = None


@dataclass(frozen=True)
class DecidePlan:
    """The employee's supervisor approves (the items become proposals) or rejects."""

    caller: Caller
    plan_id: str
    approve: bool
    note: str | None = None
