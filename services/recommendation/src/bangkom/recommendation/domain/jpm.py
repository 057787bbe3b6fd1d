"""Job-person match (JPM): how far a person's levels meet their position's standard.

This is the evaluation service's definition (bangkom.evaluation.domain.jpm), written
again here because services never import each other; the two must stay the same rule:

    JPM = sum(min(current, required)) / sum(required) x 100

over the competencies of the standard, a competency never assessed counting 0,
rounded to one decimal. Bands (the usual talent-mapping categories), on the rounded
figure: *optimal* from 90 %, *cukup optimal* from 78 %, *kurang optimal* below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from bangkom.recommendation.domain.analytics import ratio


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


def job_person_match(
    standard: Mapping[str, int], current_levels: Mapping[str, int]
) -> float | None:
    """One person's JPM from their standard (required level per competency) and levels."""
    met = sum(min(current_levels.get(code, 0), level) for code, level in standard.items())
    return jpm_percent(met, sum(standard.values()))


@dataclass(frozen=True)
class JpmDistribution:
    """The JPM of a group of employees: how many in each band and the mean.

    ``not_assessed`` counts employees of whom no competency was ever assessed (their
    JPM is 0 by the rule; they need an assessment more than a training).
    """

    employees: int = 0
    tenths_sum: int = 0  # sum of the employees' JPM in tenths of a percent (exact)
    bands: Mapping[JpmBand, int] = field(default_factory=lambda: dict.fromkeys(JpmBand, 0))
    not_assessed: int = 0

    @property
    def mean(self) -> float | None:
        return ratio(self.tenths_sum, 10 * self.employees, 1)

    def add(
        self, met: int, required: int, *, employees: int = 1, assessed: bool = True
    ) -> JpmDistribution:
        """``employees`` people whose sums are ``met`` out of ``required``."""
        percent = jpm_percent(met, required)
        if percent is None or employees <= 0:
            return self
        bands = dict(self.bands)
        bands[jpm_band(percent)] += employees
        return JpmDistribution(
            employees=self.employees + employees,
            tenths_sum=self.tenths_sum + round(percent * 10) * employees,
            bands=bands,
            not_assessed=self.not_assessed + (0 if assessed else employees),
        )

    def __add__(self, other: JpmDistribution) -> JpmDistribution:
        return JpmDistribution(
            employees=self.employees + other.employees,
            tenths_sum=self.tenths_sum + other.tenths_sum,
            bands={band: self.bands[band] + other.bands[band] for band in JpmBand},
            not_assessed=self.not_assessed + other.not_assessed,
        )
