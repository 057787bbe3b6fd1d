"""Job-person match (JPM): how far a person's levels meet a position's standard.

    JPM = sum(min(current, required)) / sum(required) x 100

over the competencies of the standard, rounded to one decimal; None without a standard
to match against. A competency never assessed counts 0 and is also counted
(``unknown``): a JPM with unknowns is a lower bound, not a measured shortfall. Levels of
competencies outside the standard do not count.

Bands (the usual talent-mapping categories), on the rounded figure: *optimal* from
90 %, *cukup optimal* from 78 %, *kurang optimal* below.

Evaluation reports it against the position held, recommendation sums it per agency
(the two sums come from SQL; a test holds them to these cases), career measures it
against a target position.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property


class JpmBand(StrEnum):
    OPTIMAL = "optimal"
    CUKUP_OPTIMAL = "cukup_optimal"
    KURANG_OPTIMAL = "kurang_optimal"


OPTIMAL_FROM = 90.0
CUKUP_OPTIMAL_FROM = 78.0


def jpm_percent(met: int, required: int) -> float | None:
    """JPM from the two sums; None when there is no standard to match against."""
    if required <= 0:
        return None
    return round(100.0 * met / required, 1)


def jpm_band(percent: float) -> JpmBand:
    if percent >= OPTIMAL_FROM:
        return JpmBand.OPTIMAL
    if percent >= CUKUP_OPTIMAL_FROM:
        return JpmBand.CUKUP_OPTIMAL
    return JpmBand.KURANG_OPTIMAL


@dataclass(frozen=True)
class Match:
    """One person against one standard."""

    met: int  # sum of min(current, required)
    required: int  # sum of the required levels
    competencies: int  # competencies of the standard
    unknown: int  # of them, never assessed

    @property
    def assessed(self) -> int:
        return self.competencies - self.unknown

    @cached_property  # asked again and again while ranking tens of thousands
    def jpm(self) -> float | None:
        """None when there is no standard to match against."""
        return jpm_percent(self.met, self.required)


def match(standard: Mapping[str, int], levels: Mapping[str, int]) -> Match:
    """``standard``: required level per competency; ``levels``: the person's current ones."""
    met = unknown = 0
    for code, required in standard.items():
        level = levels.get(code)
        if level is None:
            unknown += 1
        else:
            met += min(level, required)
    return Match(
        met=met, required=sum(standard.values()), competencies=len(standard), unknown=unknown
    )
