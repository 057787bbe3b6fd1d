"""Courses and the competencies they develop."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bangkom.kernel.levels import MAX_LEVEL, MIN_LEVEL, is_level


class CourseStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"


class LearningMode(StrEnum):
    KLASIKAL = "klasikal"
    E_LEARNING = "e_learning"
    BLENDED = "blended"
    COACHING = "coaching"
    MENTORING = "mentoring"
    SEMINAR = "seminar"
    SELF_STUDY = "self_study"


class InvalidCourse(ValueError):
    """A course that cannot be offered as described."""


@dataclass(frozen=True)
class CompetencyStep:
    competency_code: str
    level_from: int
    level_to: int

    def __post_init__(self) -> None:
        if not (
            is_level(self.level_from)
            and is_level(self.level_to)
            and self.level_from < self.level_to
        ):
            raise InvalidCourse(
                f"{self.competency_code}: level_from {self.level_from} must be below "
                f"level_to {self.level_to}, both within {MIN_LEVEL}-{MAX_LEVEL}"
            )

    def takes_from(self, level: int) -> bool:
        """Someone at ``level`` can start this step and leave above it."""
        return self.level_from <= level < self.level_to

    def reaches(self, level: int) -> bool:
        """The step develops the competency up to ``level`` (it ends at or above it,
        and starts below it)."""
        return self.level_from < level <= self.level_to


@dataclass
class Course:
    code: str
    title: str
    competencies: list[CompetencyStep]
    jp: int
    mode: LearningMode
    provider: str
    cost: int
    status: CourseStatus
    changed_at: datetime
    prerequisites: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.competencies:
            raise InvalidCourse(f"course {self.code} develops no competency")
        codes = [c.competency_code for c in self.competencies]
        if len(codes) != len(set(codes)):
            raise InvalidCourse(f"course {self.code} lists a competency twice")
        if self.jp < 1:
            raise InvalidCourse(f"course {self.code}: JP must be at least 1, got {self.jp}")
        if self.cost < 0:
            raise InvalidCourse(f"course {self.code}: cost cannot be negative")
        if self.code in self.prerequisites:
            raise InvalidCourse(f"course {self.code} cannot be its own prerequisite")

    @property
    def is_offered(self) -> bool:
        return self.status is CourseStatus.PUBLISHED

    def same_offer_as(self, other: Course) -> bool:
        """True when nothing a subscriber sees would change."""
        mine = {k: v for k, v in self.__dict__.items() if k != "changed_at"}
        theirs = {k: v for k, v in other.__dict__.items() if k != "changed_at"}
        return mine == theirs
