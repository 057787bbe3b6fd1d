"""One employee's place in the nine-box, from their rating, results and assessment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from bangkom.career.domain.ninebox import box_of
from bangkom.career.domain.performance import PerformanceClass, Rating, performance_class
from bangkom.career.domain.potential import PotentialClass, PotentialRule, potential
from bangkom.career.domain.readiness import ReadinessRule


@dataclass(frozen=True)
class AgencyPolicy:
    """What an agency configures: its potential rule, the readiness thresholds of its
    positions (whoever the candidates are, the agency filling the position decides) and
    whether its employees see their own box."""

    agency_code: str
    potential_rule: PotentialRule
    readiness_rule: ReadinessRule
    employees_see_own_box: bool = False


@dataclass(frozen=True)
class Placement:
    nip: str
    agency_code: str
    position_code: str
    performance: PerformanceClass | None
    potential: PotentialClass | None
    potential_score: float | None
    box: int | None
    placed_at: datetime

    def same_place(self, other: Placement | None) -> bool:
        """True when ``other`` says the same (whatever its time)."""
        return other is not None and (
            self.agency_code,
            self.position_code,
            self.performance,
            self.potential,
            self.potential_score,
            self.box,
        ) == (
            other.agency_code,
            other.position_code,
            other.performance,
            other.potential,
            other.potential_score,
            other.box,
        )


def place(
    *,
    nip: str,
    agency_code: str,
    position_code: str,
    standard: Mapping[str, int],
    levels: Mapping[str, int],
    rating: Rating | None,
    assessment: float | None,
    rule: PotentialRule,
    at: datetime,
) -> Placement:
    found = potential(standard, levels, assessment, rule)
    performance = performance_class(rating.predicate) if rating is not None else None
    potential_class = found.potential_class if found is not None else None
    return Placement(
        nip=nip,
        agency_code=agency_code,
        position_code=position_code,
        performance=performance,
        potential=potential_class,
        potential_score=found.score if found is not None else None,
        box=box_of(performance, potential_class),
        placed_at=at,
    )
