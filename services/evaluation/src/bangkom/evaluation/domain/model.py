"""Positions with their standard, employees, and assessment results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from bangkom.evaluation.domain.competency import check_competency_code, check_level
from bangkom.evaluation.domain.nip import EmploymentType


class AssessmentMethod(StrEnum):
    ASSESSMENT_CENTER = "assessment_center"
    CAT = "cat"
    MULTI_RATER = "360"
    SUPERVISOR = "supervisor"
    SELF = "self"
    POST_TRAINING = "post_training"


# Which result is current when several exist (the rule other services rely on):
# the later assessment period (calendar year, WIB) wins; within one period the
# weightier method wins, so a self-assessment never overrides an assessment centre
# of the same year; then the later evaluated_at; then the result id, for a total
# order that every replica and every replay agrees on.
METHOD_RANK = {
    AssessmentMethod.ASSESSMENT_CENTER: 6,
    AssessmentMethod.CAT: 5,
    AssessmentMethod.MULTI_RATER: 4,
    AssessmentMethod.POST_TRAINING: 3,
    AssessmentMethod.SUPERVISOR: 2,
    AssessmentMethod.SELF: 1,
}
PERIOD_ZONE = ZoneInfo("Asia/Jakarta")


@dataclass
class Position:
    code: str
    name: str
    agency_code: str
    standard: dict[str, int] = field(default_factory=dict)
    standard_version: int = 0

    def set_standard(self, levels: dict[str, int]) -> bool:
        """Adopt a standard; a different one becomes a new version. True when it changed."""
        checked = {check_competency_code(c): check_level(lvl) for c, lvl in levels.items()}
        if checked == self.standard and self.standard_version > 0:
            return False
        self.standard = checked
        self.standard_version += 1
        return True


@dataclass
class Employee:
    nip: str
    name: str
    employment_type: EmploymentType
    agency_code: str
    position_code: str
    active: bool
    changed_at: datetime

    def differs_from(self, other: Employee) -> bool:
        return (
            self.name,
            self.employment_type,
            self.agency_code,
            self.position_code,
            self.active,
        ) != (
            other.name,
            other.employment_type,
            other.agency_code,
            other.position_code,
            other.active,
        )


@dataclass(frozen=True)
class AssessmentResult:
    id: str
    nip: str
    competency_code: str
    level: int
    method: AssessmentMethod
    evaluated_at: datetime
    assessor: str | None = None
    evidence: str | None = None

    def __post_init__(self) -> None:
        check_competency_code(self.competency_code)
        check_level(self.level)

    @property
    def period(self) -> int:
        return self.evaluated_at.astimezone(PERIOD_ZONE).year

    @property
    def method_rank(self) -> int:
        return METHOD_RANK[self.method]

    def supersedes(self, other: AssessmentResult | None) -> bool:
        """True when this result, not ``other``, is the current level."""
        if other is None:
            return True
        return self._precedence() > other._precedence()

    def _precedence(self) -> tuple[int, int, datetime, str]:
        return (self.period, self.method_rank, self.evaluated_at, self.id)
