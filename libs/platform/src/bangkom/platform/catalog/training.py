"""Events published by the training service."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from bangkom.platform.catalog import topics
from bangkom.platform.catalog.base import Event, Payload, Topic
from bangkom.platform.catalog.types import AwareDatetime, Code, CompetencyCode, Level

SOURCE = "/bangkom/training"

CourseStatus = Literal["draft", "published", "retired"]
LearningMode = Literal[
    "klasikal", "e_learning", "blended", "coaching", "mentoring", "seminar", "self_study"
]


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
