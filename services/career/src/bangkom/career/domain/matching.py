"""Job-person match (JPM) of a person against any standard, the target position's
included. The same rule as evaluation's and recommendation's JPM (each service writes
it in its own domain; the three must agree):

    JPM = sum(min(current, required)) / sum(required) x 100

over the competencies of the standard, a competency never assessed counting 0, rounded
to one decimal. What is never assessed is also *counted* (``unknown``): a JPM with
unknowns is a lower bound, never a measured shortfall (unknown is not 0 for readiness).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Match:
    met: int  # sum of min(current, required)
    required: int  # sum of required
    unknown: int  # competencies of the standard never assessed

    @cached_property  # asked again and again while ranking tens of thousands
    def jpm(self) -> float | None:
        """None when there is no standard to match against."""
        if self.required <= 0:
            return None
        return round(100.0 * self.met / self.required, 1)


def match(standard: Mapping[str, int], levels: Mapping[str, int]) -> Match:
    """``standard``: required level per competency; ``levels``: the person's current ones."""
    met = unknown = 0
    for code, required in standard.items():
        level = levels.get(code)
        if level is None:
            unknown += 1
        else:
            met += min(level, required)
    return Match(met=met, required=sum(standard.values()), unknown=unknown)
