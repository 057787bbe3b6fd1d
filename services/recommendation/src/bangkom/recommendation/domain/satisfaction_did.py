"""Trained against untrained units of a city (difference in differences): did the IKM of
the units whose staff were trained between two SKM periods rise more than that of the
units whose staff were not? The estimate is the mean IKM change of the trained units
minus that of the untrained; its 95% interval comes from the spread of the units'
changes (Welch, normal approximation). It is observational: units are not trained at
random, so it reads as an association under the parallel-trends assumption, never as
proof that training caused the change."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bangkom.recommendation.domain.satisfaction import Z_95, SatisfactionEffect

# Fewer units than this on either side: the estimate is shown, its interval is not.
MIN_UNITS = 3


@dataclass(frozen=True)
class TrainingMapping:
    """Which training counts for the public's rating of a unit's staff, and how much of
    it makes a unit "trained" (configuration, documented in the README)."""

    competencies: tuple[str, ...] = ("M.05", "SK.01")
    trained_share: float = 0.25  # of the unit's active staff


@dataclass(frozen=True)
class UnitChange:
    """A unit's IKM in both periods and its staff trained between their closings."""

    effect: SatisfactionEffect
    trained_by_course: dict[str, int] = field(default_factory=dict)  # staff per course

    @property
    def unit_code(self) -> str:
        return self.effect.before.unit_code

    def share_by(self, course_code: str) -> float:
        staff = self.effect.staff
        return self.trained_by_course.get(course_code, 0) / staff if staff else 0.0


def is_trained(change: UnitChange, mapping: TrainingMapping) -> bool:
    """A unit is trained when at least the mapping's share of its staff completed a
    course developing a mapped competency between the periods."""
    return (change.effect.share_trained or 0.0) >= mapping.trained_share


@dataclass(frozen=True)
class PeriodMeans:
    units: int
    before: float | None  # mean IKM 25-100
    after: float | None
    change: float | None
    changes: tuple[float, ...]

    @classmethod
    def of(cls, changes: Sequence[UnitChange]) -> PeriodMeans:
        if not changes:
            return cls(0, None, None, None, ())
        return cls(
            units=len(changes),
            before=round(statistics.fmean(c.effect.before.converted for c in changes), 2),
            after=round(statistics.fmean(c.effect.after.converted for c in changes), 2),
            change=round(statistics.fmean(c.effect.change for c in changes), 2),
            changes=tuple(c.effect.change for c in changes),
        )


@dataclass(frozen=True)
class DifferenceInDifferences:
    trained: PeriodMeans
    untrained: PeriodMeans

    @property
    def estimate(self) -> float | None:
        if self.trained.change is None or self.untrained.change is None:
            return None
        return round(self.trained.change - self.untrained.change, 2)

    @property
    def interval(self) -> tuple[float, float] | None:
        if self.estimate is None or self.caution is not None:
            return None
        error = math.sqrt(
            statistics.variance(self.trained.changes) / self.trained.units
            + statistics.variance(self.untrained.changes) / self.untrained.units
        )
        return round(self.estimate - Z_95 * error, 2), round(self.estimate + Z_95 * error, 2)

    @property
    def caution(self) -> str | None:
        """Why the estimate cannot be read, in the words shown; None if it can."""
        fewest = min(self.trained.units, self.untrained.units)
        if fewest < MIN_UNITS:
            return (
                f"Terlalu sedikit unit untuk menyimpulkan: {self.trained.units} unit terlatih "
                f"dan {self.untrained.units} unit belum terlatih (minimal {MIN_UNITS} "
                "masing-masing)"
            )
        return None

    def series(self, before: str, after: str) -> list[dict[str, object]]:
        """Chart-ready: the two groups' mean IKM in each period, and the trained units'
        path had they changed as the untrained did (the counterfactual)."""
        trained, untrained = self.trained, self.untrained
        lines: list[dict[str, object]] = [
            _line("trained", "Unit terlatih", before, after, trained.before, trained.after),
            _line(
                "untrained", "Unit belum terlatih", before, after, untrained.before, untrained.after
            ),
        ]
        if self.trained.before is not None and self.untrained.change is not None:
            expected = round(self.trained.before + self.untrained.change, 2)
            lines.append(
                _line(
                    "counterfactual",
                    "Unit terlatih bila berubah seperti yang belum terlatih",
                    before,
                    after,
                    self.trained.before,
                    expected,
                )
            )
        return lines


def _line(
    key: str, name: str, before: str, after: str, first: float | None, second: float | None
) -> dict[str, object]:
    return {
        "key": key,
        "name": name,
        "points": [{"period": before, "ikm": first}, {"period": after, "ikm": second}],
    }


def compare(
    changes: Sequence[UnitChange],
    trained: Callable[[UnitChange], bool],
    untrained: Callable[[UnitChange], bool],
) -> DifferenceInDifferences:
    """The units ``trained`` picks against those ``untrained`` picks (a unit may be in
    neither: e.g. trained, but by another course than the one asked about)."""
    return DifferenceInDifferences(
        trained=PeriodMeans.of([c for c in changes if trained(c)]),
        untrained=PeriodMeans.of([c for c in changes if untrained(c)]),
    )
