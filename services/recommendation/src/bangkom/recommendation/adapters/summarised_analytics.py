"""The current analytics figures read from the per-agency summaries (adapters/summaries):
first the agencies with a mark, then, in one statement, the summary rows of the others
and, added to them, the GROUP BY of ``adapters.analytics`` restricted to the marked ones.
Figures of a past instant (``at``) come from the gap history as before.

Each agency's figures are its state at one instant between the two statements: a marked
agency's as the second statement finds it; another's as its last recomputation left it,
which covered every change committed before the first statement (no mark was left), and
perhaps some since. So a read begun after a write commits sees it, and an answer is the
GROUP BY's, row for row, when nothing changes meanwhile.

Why the marked agencies are read first, not joined: marks come and go by the second,
so their statistics are always stale, and PostgreSQL planned the join as if half the
province were marked (a scan of every placement and completion, 0.4 s); given the
codes, it probes the index for the few agencies marked.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Executable, func, select, union, union_all
from sqlmodel import col

from bangkom.platform.db.scope import within_agencies
from bangkom.recommendation.adapters.analytics import (
    Query,
    SqlAnalyticsStore,
    current_compliance,
    current_gap_cells,
    current_gap_employees,
    current_jpm_buckets,
    rows_as_buckets,
    rows_as_cells,
    rows_as_compliance,
    rows_as_counts,
)
from bangkom.recommendation.adapters.summaries import compliance_of_another
from bangkom.recommendation.adapters.tables import (
    AnalyticsMarkRow,
    ComplianceSummaryRow,
    GapSummaryRow,
    JpmSummaryRow,
)
from bangkom.recommendation.handlers.analytics_ports import AgencyCompliance, GapCell, JpmBucket
from bangkom.recommendation.handlers.ports import Scope

MARKED = select(col(AnalyticsMarkRow.agency_code)).distinct()


def _summed(table: Any, scope: Scope, marked: list[str]) -> list[ColumnElement[bool]]:
    """Summary rows of the agencies in ``scope`` but not ``marked``."""
    agency = col(table.agency_code)
    return [within_agencies(agency, scope), agency.not_in(marked)]


def _with_marked(summed: Query, live: Query, marked: list[str]) -> Executable:
    """The summary rows, and the GROUP BY's of the marked agencies when there are any."""
    return union_all(summed, live) if marked else summed


class SummarisedAnalyticsStore(SqlAnalyticsStore):
    async def _marked(self, query: Any = MARKED) -> list[str]:
        return sorted(code for (code,) in await self._rows(query))

    async def gap_cells(
        self, scope: Scope, *, at: datetime | None = None, competency_code: str | None = None
    ) -> list[GapCell]:
        if at is not None:
            return await super().gap_cells(scope, at=at, competency_code=competency_code)
        marked = await self._marked()
        gap = GapSummaryRow
        conditions = _summed(gap, scope, marked)
        if competency_code is not None:
            conditions.append(col(gap.competency_code) == competency_code)
        summed = select(
            col(gap.agency_code),
            col(gap.competency_code),
            col(gap.competency_name),
            col(gap.employees),
            col(gap.met),
            col(gap.open),
            col(gap.unknown),
            col(gap.gap_sum),
        ).where(*conditions)
        live = current_gap_cells(scope, competency_code, among=marked)
        return rows_as_cells(await self._rows(_with_marked(summed, live, marked)))

    async def gap_employees(
        self, scope: Scope, *, at: datetime | None = None, competency_code: str | None = None
    ) -> dict[str, int]:
        if at is not None:
            return await super().gap_employees(scope, at=at, competency_code=competency_code)
        marked = await self._marked()
        if competency_code is None:
            # Each employee with a gap row is in exactly one JPM bucket of their agency.
            jpm = JpmSummaryRow
            summed = (
                select(col(jpm.agency_code), func.sum(jpm.employees))
                .where(*_summed(jpm, scope, marked))
                .group_by(col(jpm.agency_code))
            )
        else:
            # One gap row per employee and competency: the cell counts employees.
            gap = GapSummaryRow
            summed = select(col(gap.agency_code), col(gap.employees)).where(
                *_summed(gap, scope, marked), col(gap.competency_code) == competency_code
            )
        live = current_gap_employees(scope, competency_code, among=marked)
        return rows_as_counts(await self._rows(_with_marked(summed, live, marked)))

    async def jpm_buckets(self, scope: Scope) -> list[JpmBucket]:
        marked = await self._marked()
        jpm = JpmSummaryRow
        summed = select(
            col(jpm.agency_code),
            col(jpm.met),
            col(jpm.required),
            col(jpm.assessed),
            col(jpm.employees),
        ).where(*_summed(jpm, scope, marked))
        live = current_jpm_buckets(scope, among=marked)
        return rows_as_buckets(await self._rows(_with_marked(summed, live, marked)))

    async def jp_compliance(
        self, scope: Scope, *, year: int, target: int
    ) -> list[AgencyCompliance]:
        compliance = ComplianceSummaryRow
        of_this_year = (col(compliance.year) == year, col(compliance.target) == target)
        if not await self._rows(select(col(compliance.agency_code)).where(*of_this_year).limit(1)):
            # Another year (or none summed yet): the GROUP BY of every employee at once.
            return await super().jp_compliance(scope, year=year, target=target)
        # Summed for another year or target: as good as marked for this one.
        marked = await self._marked(union(MARKED, compliance_of_another(year, target)))
        summed = select(
            col(compliance.agency_code),
            col(compliance.employees),
            col(compliance.below_target),
            col(compliance.jp_missing),
            col(compliance.jp_total),
        ).where(*_summed(compliance, scope, marked), *of_this_year)
        live = current_compliance(scope, year, target, among=marked)
        return rows_as_compliance(await self._rows(_with_marked(summed, live, marked)))
