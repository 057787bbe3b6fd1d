"""Positions with their standard, employees, and assessment results."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from bangkom.evaluation.domain.competency import (
    InvalidCompetency,
    check_competency_code,
    check_level,
    is_technical,
)
from bangkom.evaluation.domain.framework import Framework, PositionType
from bangkom.kernel import precedence
from bangkom.kernel.nip import EmploymentType

# Results are recorded with these methods (the API schemas name them from here); which
# result is current is the kernel's rule, bangkom.kernel.precedence.
from bangkom.kernel.precedence import AssessmentMethod as AssessmentMethod


@dataclass
class Position:
    """A position (jabatan) and its competency standard.

    The standard is the framework's default for the position type, then this
    position's overrides, then its technical competencies; each change of the
    result is a new standard version.
    """

    code: str
    name: str
    agency_code: str
    position_type: PositionType
    overrides: dict[str, int] = field(default_factory=dict)
    technical: dict[str, int] = field(default_factory=dict)
    standard: dict[str, int] = field(default_factory=dict)
    standard_version: int = 0
    framework_version: int = 0

    def apply(self, framework: Framework) -> bool:
        """Recompute the standard under ``framework``; True when it became a new version."""
        for code, level in self.overrides.items():
            if code not in framework.competencies:
                raise InvalidCompetency(
                    f"position {self.code}: {code} is not in framework version {framework.version}"
                )
            check_level(level)
        for code, level in self.technical.items():
            if not is_technical(code):
                raise InvalidCompetency(f"position {self.code}: {code} is not a technical code")
            check_level(level)
        standard = framework.required_for(self.position_type) | self.overrides | self.technical
        self.framework_version = framework.version
        if standard == self.standard and self.standard_version > 0:
            return False
        self.standard = standard
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
    supervisor_nip: str | None = None

    def differs_from(self, other: Employee) -> bool:
        """True when a subscriber would see a change (the change time aside)."""
        mine = {k: v for k, v in self.__dict__.items() if k != "changed_at"}
        theirs = {k: v for k, v in other.__dict__.items() if k != "changed_at"}
        return mine != theirs


@dataclass(frozen=True)
class AssessmentResult(precedence.Ranked):
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
        return precedence.period_of(self.evaluated_at)

    @property
    def method_rank(self) -> int:
        return precedence.METHOD_RANK[self.method]

    @property
    def precedence_key(self) -> precedence.Precedence:
        return precedence.precedence_of(self.method, self.evaluated_at, self.id)


def current_results(results: Iterable[AssessmentResult]) -> dict[str, AssessmentResult]:
    """The current result per competency, by the kernel's precedence rule."""
    current: dict[str, AssessmentResult] = {}
    for result in results:
        if result.supersedes(current.get(result.competency_code)):
            current[result.competency_code] = result
    return current
