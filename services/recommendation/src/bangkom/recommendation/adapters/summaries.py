"""Per-agency summaries of the current analytics figures, and the marks that say which
agencies' summaries may be stale.

A province's heatmap, JPM and 20 JP figures each summed every active employee's gaps
(1.8 million rows at 200,000 employees) on every request. The summaries keep, per leaf
agency, what those GROUP BYs give (``adapters.analytics.current_*``), so a read sums a
few thousand rows. They stay exact this way:

- every write that changes what a figure counts (an employee's gap rows, a placement's
  agency, activity or employment type, a completion) marks the agencies concerned, in
  its own transaction (``SqlAnalyticsMarks``, written when the unit of work flushes,
  once per agency and transaction). Marks are only ever inserted: writers never wait
  for one another nor for the worker, as they would on a shared row;
- the worker (``handlers.workers.summary_worker``) claims marked agencies under a
  transaction advisory lock each (tried, never waited for: replicas share the work and
  one agency is recomputed by one at a time), reads their marks only once it holds
  them, recomputes their rows with the reads' own statements restricted to them, and
  deletes exactly the marks it read. A mark committed meanwhile stays: the agency is
  recomputed again;
- a read (``SummarisedAnalyticsStore``) takes the marked agencies, then in one
  statement the summaries of the others and the GROUP BY of the marked ones (why two
  statements, and what each agency's figures then are: adapters/summarised_analytics).
  An agency without a mark had every change committed before the first statement
  covered by a recomputation that read it; and an agency with no summary row and no
  mark has nothing to count (no active employee with gaps, or no active PNS).

The 20 JP figures are summed for the year (WIB) and target of the recomputation; a
read of another year, or a new year begun, takes the GROUP BY for those agencies until
the worker sums them again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, distinct, func, insert, literal, or_, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.bulk import insert_rows
from bangkom.platform.db.lists import LISTED, listed, on_postgresql
from bangkom.platform.db.locks import try_hold_until_commit
from bangkom.recommendation.adapters.analytics import (
    current_compliance,
    current_gap_cells,
    current_jpm_buckets,
    without_jit,
)
from bangkom.recommendation.adapters.tables import (
    AnalyticsMarkRow,
    ComplianceSummaryRow,
    GapSummaryRow,
    JpmSummaryRow,
)
from bangkom.recommendation.handlers.analytics_ports import SummaryClaim

SUMMARIES = (GapSummaryRow, JpmSummaryRow, ComplianceSummaryRow)
LOCK = "recommendation.analytics-summary:{}"
CLEARED_AT_ONCE = 10_000  # mark ids per DELETE (SQLite binds each as a parameter)
# The summaries' columns in the order the statements of adapters.analytics select them.
TALLY = ("employees", "met", "open", "unknown", "gap_sum")
COMPLIANCE = ("employees", "below_target", "jp_missing", "jp_total")


class SqlAnalyticsMarks:
    """The agencies whose figures one transaction changed, written as marks when the
    unit of work flushes: each agency once per transaction, however many rows."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._wanted: set[str] = set()
        self._written: set[str] = set()

    def mark(self, *agency_codes: str | None) -> None:
        self._wanted.update(code for code in agency_codes if code is not None)

    async def flush(self) -> None:
        new = sorted(self._wanted - self._written)
        self._wanted.clear()
        if new:
            await insert_rows(self._session, AnalyticsMarkRow, [{"agency_code": c} for c in new])
            self._written.update(new)


def compliance_of_another(year: int, target: int) -> Any:
    """Agencies whose 20 JP summary is of another year or target than these."""
    return select(col(ComplianceSummaryRow.agency_code)).where(
        or_(col(ComplianceSummaryRow.year) != year, col(ComplianceSummaryRow.target) != target)
    )


class SqlAnalyticsSummaries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _scalars(self, query: Any) -> list[Any]:
        connection = await self._session.connection()
        return list((await connection.execute(query)).scalars())

    async def claim(self, *, limit: int, year: int, target: int) -> SummaryClaim:
        mark = col(AnalyticsMarkRow.agency_code)
        marked = await self._scalars(select(mark).distinct().order_by(mark).limit(limit))
        stale = await self._scalars(compliance_of_another(year, target).limit(limit))
        candidates = sorted({*marked, *stale})[:limit]
        held = await try_hold_until_commit(self._session, *(LOCK.format(c) for c in candidates))
        agencies = [c for c in candidates if LOCK.format(c) in held]
        # Read once held: what the last recomputation of these agencies left.
        marks = (
            await self._scalars(select(col(AnalyticsMarkRow.id)).where(mark.in_(agencies)))
            if agencies
            else []
        )
        return SummaryClaim(agencies=agencies, marks=sorted(marks), year=year, target=target)

    async def recompute(self, claim: SummaryClaim) -> None:
        if not claim.agencies:
            return
        connection = await self._session.connection()
        await without_jit(connection)
        agencies = claim.agencies
        for table in SUMMARIES:
            await connection.execute(delete(table).where(col(table.agency_code).in_(agencies)))
        await connection.execute(
            insert(GapSummaryRow).from_select(
                ["agency_code", "competency_code", "competency_name", *TALLY],
                current_gap_cells(None, among=agencies),
            )
        )
        await connection.execute(
            insert(JpmSummaryRow).from_select(
                ["agency_code", "met", "required", "assessed", "employees"],
                current_jpm_buckets(None, among=agencies),
            )
        )
        compliance = current_compliance(None, claim.year, claim.target, among=agencies)
        await connection.execute(
            insert(ComplianceSummaryRow).from_select(
                ["agency_code", *COMPLIANCE, "year", "target"],
                compliance.add_columns(literal(claim.year), literal(claim.target)),
            )
        )

    async def clear(self, claim: SummaryClaim) -> None:
        statement = delete(AnalyticsMarkRow).where(
            listed(col(AnalyticsMarkRow.id), on_postgresql(self._session))
        )
        connection = await self._session.connection()
        for first in range(0, len(claim.marks), CLEARED_AT_ONCE):
            chunk = claim.marks[first : first + CLEARED_AT_ONCE]
            await connection.execute(statement, {LISTED: chunk})

    async def marked(self) -> int:
        query = select(func.count(distinct(col(AnalyticsMarkRow.agency_code))))
        return int((await self._scalars(query))[0])
