"""Tables of the training service (its own metadata)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

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
    """Search index: which course develops which competency."""

    __tablename__ = "course_competency"

    course_code: str = Field(primary_key=True, max_length=64)
    competency_code: str = Field(primary_key=True, index=True, max_length=48)
