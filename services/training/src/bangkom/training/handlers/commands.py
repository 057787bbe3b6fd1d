"""Commands the training service accepts."""

from __future__ import annotations

from dataclasses import dataclass

from bangkom.platform.auth import Caller
from bangkom.training.domain.catalog import CompetencyStep, CourseStatus, LearningMode


@dataclass(frozen=True)
class PublishCourse:
    """Create or change a course in the catalog (status decides whether it is offered)."""

    caller: Caller
    code: str
    title: str
    competencies: list[CompetencyStep]
    jp: int
    mode: LearningMode
    provider: str
    cost: int
    status: CourseStatus
    prerequisites: list[str]
