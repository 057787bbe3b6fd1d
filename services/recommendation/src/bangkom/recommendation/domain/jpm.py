"""A group's job-person match. The rule and its bands are the kernel's
(bangkom.kernel.jpm); each employee's two sums come from SQL (adapters.analytics)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bangkom.kernel.jpm import JpmBand, jpm_band, jpm_percent
from bangkom.recommendation.domain.analytics import ratio


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
