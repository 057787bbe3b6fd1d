"""Did training a unit's staff move the public's rating of the unit? The change in its
IKM between two SKM periods, with a 95% confidence interval, beside how many of its
staff completed training in the competencies the public rates (Kirkpatrick level 4)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

Z_95 = 1.96
# Below this many respondents in a period a difference says nothing (the normal
# approximation of the interval does not hold).
MIN_RESPONDENTS = 30
STAFF_ELEMENTS = ("kompetensi_pelaksana", "perilaku_pelaksana")


@dataclass(frozen=True)
class UnitSatisfaction:
    unit_code: str
    period: str
    respondents: int
    sample_sufficient: bool
    converted: float  # IKM 25-100
    spread: float | None  # SD of the respondents' own IKM
    elements: dict[str, float]  # NRR 1-4 per element
    closed_at: datetime


@dataclass(frozen=True)
class SatisfactionEffect:
    before: UnitSatisfaction
    after: UnitSatisfaction
    staff: int
    trained: int

    @property
    def change(self) -> float:
        return round(self.after.converted - self.before.converted, 2)

    @property
    def element_changes(self) -> dict[str, float]:
        return {
            e: round(self.after.elements.get(e, 0) - self.before.elements.get(e, 0), 4)
            for e in STAFF_ELEMENTS
        }

    @property
    def share_trained(self) -> float | None:
        return round(self.trained / self.staff, 4) if self.staff else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """95% interval of the IKM change (Welch's normal approximation); None when
        either period is too small to say anything."""
        if self.too_small is not None:
            return None
        assert self.before.spread is not None
        assert self.after.spread is not None
        error = math.sqrt(
            self.before.spread**2 / self.before.respondents
            + self.after.spread**2 / self.after.respondents
        )
        return round(self.change - Z_95 * error, 2), round(self.change + Z_95 * error, 2)

    @property
    def too_small(self) -> str | None:
        """Why nothing can be said of the change, in the words shown; None if it can."""
        smallest = min(self.before.respondents, self.after.respondents)
        if smallest < MIN_RESPONDENTS or None in (self.before.spread, self.after.spread):
            return (
                f"Terlalu sedikit responden untuk menyimpulkan perubahan: {smallest} "
                f"pada satu periode (minimal {MIN_RESPONDENTS})"
            )
        return None
