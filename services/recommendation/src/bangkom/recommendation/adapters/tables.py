"""Tables of the recommendation service (its own metadata; built only from events)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from bangkom.platform.db.types import JsonDocument, UtcDateTime


class RecommendationTable(SQLModel, registry=registry()):
    pass


metadata = RecommendationTable.metadata


class PlacementRow(RecommendationTable, table=True):
    __tablename__ = "placement"

    nip: str = Field(primary_key=True, max_length=18)
    agency_code: str = Field(index=True, max_length=64)
    position_code: str = Field(index=True, max_length=64)
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
    __tablename__ = "competency_level"

    nip: str = Field(primary_key=True, max_length=18)
    competency_code: str = Field(primary_key=True, max_length=48)
    level: int
    evaluated_at: datetime = Field(sa_type=UtcDateTime)
    result_id: str = Field(max_length=36)
    period: int
    method_rank: int


class CourseRow(RecommendationTable, table=True):
    __tablename__ = "course"

    code: str = Field(primary_key=True, max_length=64)
    title: str = Field(max_length=300)
    steps: list[dict[str, Any]] = Field(sa_type=JsonDocument)
    jp: int
    mode: str = Field(max_length=32)
    cost: int
    published: bool
    changed_at: datetime = Field(sa_type=UtcDateTime)


class CourseCompetencyRow(RecommendationTable, table=True):
    """Which course develops which competency: the index proposals search by."""

    __tablename__ = "course_competency"

    course_code: str = Field(primary_key=True, max_length=64)
    competency_code: str = Field(primary_key=True, index=True, max_length=48)


class GapRow(RecommendationTable, table=True):
    __tablename__ = "gap"

    nip: str = Field(primary_key=True, max_length=18)
    competency_code: str = Field(primary_key=True, max_length=48)
    competency_name: str = Field(max_length=200)
    required_level: int
    current_level: int | None = None
    status: str = Field(max_length=16)
    standard_version: int
    calculated_at: datetime = Field(sa_type=UtcDateTime)


class ProposalRow(RecommendationTable, table=True):
    __tablename__ = "proposal"

    id: str = Field(primary_key=True, max_length=36)
    nip: str = Field(index=True, max_length=18)
    agency_code: str = Field(index=True, max_length=64)
    competency_code: str = Field(max_length=48)
    course_code: str = Field(max_length=64)
    current_level: int
    required_level: int
    score: float
    reasons: list[str] = Field(sa_type=JsonDocument)
    status: str = Field(index=True, max_length=16)
    created_at: datetime = Field(sa_type=UtcDateTime)
