"""What the analytics queries need from storage: figures already summed per agency (the
store aggregates; the handlers roll up and derive means and percentages)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bangkom.recommendation.domain.analytics import ComplianceTally, EffectTally, GapTally

Scope = frozenset[str] | None  # root agency codes; None = every agency


@dataclass(frozen=True)
class GapCell:
    """The gaps of one agency in one competency."""

    agency_code: str
    competency_code: str
    competency_name: str | None  # None when no current gap names the competency any more
    tally: GapTally


@dataclass(frozen=True)
class JpmBucket:
    """``employees`` of an agency whose JPM sums are ``met`` out of ``required``."""

    agency_code: str
    met: int
    required: int
    assessed: bool  # at least one competency assessed
    employees: int


@dataclass(frozen=True)
class AgencyCompliance:
    agency_code: str
    tally: ComplianceTally


@dataclass(frozen=True)
class CourseEffect:
    course_code: str
    title: str | None  # None when the course is not in the catalog read model
    provider: str | None
    tally: EffectTally


@dataclass(frozen=True)
class PastGap:
    """An employee's gap in one competency as it was at some instant."""

    competency_code: str
    competency_name: str | None
    agency_code: str
    required_level: int
    current_level: int | None
    valid_from: datetime
    valid_to: datetime | None


@dataclass(frozen=True)
class SummaryClaim:
    """Agencies whose summaries one transaction recomputes (no other may meanwhile), the
    marks it found on them then (``marks``: their ids), and the year and target of the
    20 JP figures it sums."""

    agencies: list[str]
    marks: list[int]
    year: int
    target: int


class AnalyticsSummaries(Protocol):
    """The current figures per agency kept summed (heatmap, JPM, 20 JP of this year), so
    that a read need not aggregate every gap. Every change to what they count marks its
    agencies in its own transaction; a read takes the summary of an agency without a mark
    and the GROUP BY of one with a mark, so its answer is always the GROUP BY's."""

    async def claim(self, *, limit: int, year: int, target: int) -> SummaryClaim:
        """Up to ``limit`` agencies with a mark, or summed for another year or target
        than these, that no other transaction is recomputing; and their marks now."""

    async def recompute(self, claim: SummaryClaim) -> None:
        """Sum the claimed agencies afresh, by the very GROUP BY of the reads."""

    async def clear(self, claim: SummaryClaim) -> None:
        """Remove the marks the claim found (not any made since: they stay)."""

    async def marked(self) -> int:
        """Agencies with a mark."""


class AnalyticsStore(Protocol):
    async def gap_cells(
        self, scope: Scope, *, at: datetime | None = None, competency_code: str | None = None
    ) -> list[GapCell]:
        """Gaps per agency x competency: of active employees now (``at`` None, by their
        current agency), or as they were at ``at`` (gap history, agency of that time)."""

    async def gap_employees(
        self, scope: Scope, *, at: datetime | None = None, competency_code: str | None = None
    ) -> dict[str, int]:
        """Distinct employees with gaps per agency, on the same rows as ``gap_cells``."""

    async def jpm_buckets(self, scope: Scope) -> list[JpmBucket]:
        """Active employees grouped by agency and their two JPM sums (from current gaps)."""

    async def jp_compliance(
        self, scope: Scope, *, year: int, target: int
    ) -> list[AgencyCompliance]:
        """Active PNS per agency and their JP in ``year`` (failed courses credit none)."""

    async def course_effects(
        self, scope: Scope, *, year: int | None = None, course_code: str | None = None
    ) -> list[CourseEffect]:
        """Level change per course over the completions of the agencies in scope."""

    async def gap_trend(
        self, scope: Scope, at: Sequence[datetime], *, competency_code: str | None = None
    ) -> list[GapTally]:
        """The gaps as they were at each instant of ``at`` (one tally per instant)."""

    async def employee_gaps_at(self, nip: str, at: datetime) -> list[PastGap]: ...
