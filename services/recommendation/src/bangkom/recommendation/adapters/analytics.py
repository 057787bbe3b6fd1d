"""Analytics on SQL (SQLite and PostgreSQL alike): the database sums per agency, so a
province of 200 000 employees sends back one row per agency (x competency, x course),
never one row per employee.

- heatmap: counts and gap sums per agency x competency (GROUP BY);
- JPM: each employee's two sums, then the number of employees per agency and pair of
  sums; the JPM rule and its bands are applied in Python to those few pairs;
- 20 JP: JP per employee in the year, then counts and missing JP per agency;
- effectiveness: each completed course x competency it develops (the JSON list of
  competencies expanded in SQL), the level before and after, then sums per course;
- trend: one pass over the gap history, sums per span of instants a row covers;
- names of competencies for figures from the history: from the current gaps.

Left in Python: adding agencies up to a roll-up depth, the JPM rule on each pair of
sums, spreading the trend's spans over their instants, means and percentages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Executable,
    Select,
    Subquery,
    and_,
    case,
    func,
    or_,
    select,
    text,
    true,
)
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.kernel.jp import DUTY_EMPLOYMENT_TYPES
from bangkom.platform.db.scope import within_agencies
from bangkom.recommendation.adapters.tables import (
    CompletionRow,
    CourseRow,
    GapHistoryRow,
    GapRow,
    LevelRow,
    PlacementRow,
    ResultHistoryRow,
)
from bangkom.recommendation.domain.analytics import ComplianceTally, EffectTally, GapTally
from bangkom.recommendation.handlers.analytics_ports import (
    AgencyCompliance,
    CourseEffect,
    GapCell,
    JpmBucket,
    PastGap,
)
from bangkom.recommendation.handlers.ports import Scope

FAILED = "failed"


def _total(condition: ColumnElement[bool], value: Any = 1) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


def _tally_columns(current: Any, required: Any) -> list[ColumnElement[int]]:
    """employees, met, open, unknown, gap_sum of the grouped rows."""
    return [
        func.count(),
        _total(current >= required),
        _total(current < required),
        _total(current.is_(None)),
        _total(current < required, required - current),
    ]


def _tally(values: Sequence[Any]) -> GapTally:
    employees, met, open_, unknown, gap_sum = (int(v or 0) for v in values)
    return GapTally(employees=employees, met=met, open=open_, unknown=unknown, gap_sum=gap_sum)


def _present_at(at: datetime) -> ColumnElement[bool]:
    """The gap history row was the gap just before ``at``, of someone still employed."""
    return and_(
        col(GapHistoryRow.valid_from) < at,
        or_(col(GapHistoryRow.valid_to).is_(None), col(GapHistoryRow.valid_to) >= at),
        or_(col(PlacementRow.active).is_(True), col(PlacementRow.changed_at) >= at),
    )


# --- the current state, per leaf agency ---------------------------------------------
# Each builder is the one GROUP BY of a figure; ``among`` (agency codes, or a SELECT of
# them) restricts it to those agencies' active employees: the summaries
# (adapters/summaries.py) are these very statements restricted to the agencies they
# recompute, and a read adds them up for the agencies not yet recomputed.

Query = Select[*tuple[Any, ...]]
Among = Sequence[str] | Query | None


def _placed(scope: Scope, among: Among) -> list[ColumnElement[bool]]:
    """Active employees by their current agency, in ``scope`` (and ``among``)."""
    conditions = [
        col(PlacementRow.active).is_(True),
        within_agencies(PlacementRow.agency_code, scope),
    ]
    if among is not None:
        conditions.append(col(PlacementRow.agency_code).in_(among))
    return conditions


def _current_gap_rows(scope: Scope, competency_code: str | None, among: Among) -> Subquery:
    """One row per active employee x competency of their current gaps."""
    conditions = _placed(scope, among)
    if competency_code is not None:
        conditions.append(col(GapRow.competency_code) == competency_code)
    return (
        select(
            col(PlacementRow.agency_code).label("agency_code"),
            col(GapRow.nip).label("nip"),
            col(GapRow.competency_code).label("competency_code"),
            col(GapRow.competency_name).label("competency_name"),
            col(GapRow.required_level).label("required_level"),
            col(GapRow.current_level).label("current_level"),
        )
        .select_from(GapRow)
        .join(PlacementRow, col(PlacementRow.nip) == col(GapRow.nip))
        .where(*conditions)
        .subquery("gap_rows")
    )


def current_gap_cells(
    scope: Scope, competency_code: str | None = None, among: Among = None
) -> Query:
    """agency_code, competency_code, competency_name, then the tally columns."""
    rows = _current_gap_rows(scope, competency_code, among)
    return select(
        rows.c.agency_code,
        rows.c.competency_code,
        func.max(rows.c.competency_name),
        *_tally_columns(rows.c.current_level, rows.c.required_level),
    ).group_by(rows.c.agency_code, rows.c.competency_code)


def current_gap_employees(
    scope: Scope, competency_code: str | None = None, among: Among = None
) -> Query:
    """agency_code, active employees with a gap row (in ``competency_code``)."""
    # One index probe per active employee.
    has_gap = [col(GapRow.nip) == col(PlacementRow.nip)]
    if competency_code is not None:
        has_gap.append(col(GapRow.competency_code) == competency_code)
    return (
        select(col(PlacementRow.agency_code), func.count())
        .where(*_placed(scope, among), select(col(GapRow.nip)).where(*has_gap).exists())
        .group_by(col(PlacementRow.agency_code))
    )


def current_jpm_buckets(scope: Scope, among: Among = None) -> Query:
    """agency_code, met, required, assessed (0 or 1), employees: each active employee's
    two JPM sums over their gap rows, then the employees per agency and pair of sums."""
    rows = _current_gap_rows(scope, None, among)
    current, required = rows.c.current_level, rows.c.required_level
    met = case((current.is_(None), 0), (current < required, current), else_=required)
    per_employee = (
        select(
            rows.c.agency_code,
            func.sum(met).label("met"),
            func.sum(required).label("required"),
            func.max(case((current.is_(None), 0), else_=1)).label("assessed"),
        )
        .group_by(rows.c.agency_code, rows.c.nip)
        .subquery("per_employee")
    )
    return select(
        per_employee.c.agency_code,
        per_employee.c.met,
        per_employee.c.required,
        per_employee.c.assessed,
        func.count(),
    ).group_by(
        per_employee.c.agency_code,
        per_employee.c.met,
        per_employee.c.required,
        per_employee.c.assessed,
    )


def current_compliance(scope: Scope, year: int, target: int, among: Among = None) -> Query:
    """agency_code, active PNS, how many below ``target`` JP in ``year``, the JP they
    miss, the JP earned."""
    counted = [
        *_placed(scope, among),
        # The 20 JP duty is the PNS's: PPPK staff are left out of compliance.
        col(PlacementRow.employment_type).in_(sorted(DUTY_EMPLOYMENT_TYPES)),
    ]
    credited = [col(CompletionRow.year) == year, col(CompletionRow.outcome) != FAILED]
    per_employee: Any
    if among is None:
        # Everyone: the year's completions summed per employee at once (hashed).
        earned_by_nip = (
            select(col(CompletionRow.nip).label("nip"), func.sum(CompletionRow.jp).label("jp"))
            .where(*credited)
            .group_by(col(CompletionRow.nip))
            .subquery("earned")
        )
        per_employee = (
            select(
                col(PlacementRow.agency_code).label("agency_code"),
                func.coalesce(earned_by_nip.c.jp, 0).label("earned"),
            )
            .select_from(PlacementRow)
            .outerjoin(earned_by_nip, earned_by_nip.c.nip == col(PlacementRow.nip))
            .where(*counted)
            .subquery("per_employee")
        )
    else:
        # A few agencies: each employee's completions by the index on nip, not the whole
        # year's grouped (summed once each: materialized).
        earned_by_each = (
            select(func.sum(CompletionRow.jp))
            .where(col(CompletionRow.nip) == col(PlacementRow.nip), *credited)
            .scalar_subquery()
        )
        per_employee = (
            select(
                col(PlacementRow.agency_code).label("agency_code"),
                func.coalesce(earned_by_each, 0).label("earned"),
            )
            .where(*counted)
            .cte("per_employee")
            .prefix_with("MATERIALIZED")
        )
    earned = per_employee.c.earned
    below = earned < target
    return select(
        per_employee.c.agency_code,
        func.count(),
        _total(below),
        _total(below, target - earned),
        func.coalesce(func.sum(earned), 0),
    ).group_by(per_employee.c.agency_code)


def rows_as_cells(rows: Iterable[Sequence[Any]]) -> list[GapCell]:
    return [
        GapCell(
            agency_code=agency,
            competency_code=competency,
            competency_name=name,
            tally=_tally(figures),
        )
        for agency, competency, name, *figures in rows
    ]


def rows_as_counts(rows: Iterable[Sequence[Any]]) -> dict[str, int]:
    return {agency: int(count) for agency, count in rows}


def rows_as_buckets(rows: Iterable[Sequence[Any]]) -> list[JpmBucket]:
    return [
        JpmBucket(
            agency_code=agency,
            met=int(met_sum),
            required=int(required_sum),
            assessed=bool(assessed),
            employees=int(employees),
        )
        for agency, met_sum, required_sum, assessed, employees in rows
    ]


def rows_as_compliance(rows: Iterable[Sequence[Any]]) -> list[AgencyCompliance]:
    return [
        AgencyCompliance(
            agency_code=agency,
            tally=ComplianceTally(
                employees=int(employees),
                below_target=int(below_count),
                jp_missing=int(missing),
                jp_total=int(total),
            ),
        )
        for agency, employees, below_count, missing, total in rows
    ]


async def without_jit(connection: AsyncConnection) -> None:
    """These few large aggregates are planned with rough estimates (a JSON list's length
    is guessed at 100), which makes PostgreSQL spend longer compiling them (JIT) than
    running them; this transaction only."""
    if connection.dialect.name == "postgresql":
        await connection.execute(text("SET LOCAL jit = off"))


class SqlAnalyticsStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _rows(self, query: Executable) -> list[tuple[Any, ...]]:
        """Run a Core statement on the session's connection (inside its transaction)."""
        connection = await self._session.connection()
        await without_jit(connection)
        return [tuple(row) for row in await connection.execute(query)]

    @property
    def _dialect(self) -> str:
        bind = self._session.bind
        return bind.dialect.name if bind is not None else "postgresql"

    def _gap_rows(self, scope: Scope, at: datetime, competency_code: str | None) -> Subquery:
        """One row per employee x competency: the gap history at ``at``, by the agency of
        that time."""
        conditions = [_present_at(at), within_agencies(GapHistoryRow.agency_code, scope)]
        if competency_code is not None:
            conditions.append(col(GapHistoryRow.competency_code) == competency_code)
        return (
            select(
                col(GapHistoryRow.agency_code).label("agency_code"),
                col(GapHistoryRow.nip).label("nip"),
                col(GapHistoryRow.competency_code).label("competency_code"),
                col(GapHistoryRow.required_level).label("required_level"),
                col(GapHistoryRow.current_level).label("current_level"),
            )
            .select_from(GapHistoryRow)
            .join(PlacementRow, col(PlacementRow.nip) == col(GapHistoryRow.nip))
            .where(*conditions)
            .subquery("gap_rows")
        )

    async def gap_cells(
        self, scope: Scope, *, at: datetime | None = None, competency_code: str | None = None
    ) -> list[GapCell]:
        if at is None:
            return rows_as_cells(await self._rows(current_gap_cells(scope, competency_code)))
        rows = self._gap_rows(scope, at, competency_code)
        query = select(
            rows.c.agency_code,
            rows.c.competency_code,
            *_tally_columns(rows.c.current_level, rows.c.required_level),
        ).group_by(rows.c.agency_code, rows.c.competency_code)
        found = await self._rows(query)
        # The history keeps no names: the current gaps give them.
        names = await self._names(scope, {row[1] for row in found})
        return rows_as_cells(
            (agency, competency, names.get(competency), *figures)
            for agency, competency, *figures in found
        )

    async def _names(self, scope: Scope, competency_codes: set[str]) -> dict[str, str]:
        """Competency names as the current gaps (of the scope) carry them."""
        if not competency_codes:
            return {}
        query = (
            select(col(GapRow.competency_code), func.max(GapRow.competency_name))
            .where(
                col(GapRow.competency_code).in_(sorted(competency_codes)),
                within_agencies(GapRow.agency_code, scope),
            )
            .group_by(col(GapRow.competency_code))
        )
        return {code: name for code, name in await self._rows(query)}

    async def gap_employees(
        self, scope: Scope, *, at: datetime | None = None, competency_code: str | None = None
    ) -> dict[str, int]:
        if at is None:
            return rows_as_counts(await self._rows(current_gap_employees(scope, competency_code)))
        rows = self._gap_rows(scope, at, competency_code)
        # Grouped twice rather than count(DISTINCT): hashed (and parallel) on PostgreSQL.
        employees = (
            select(rows.c.agency_code, rows.c.nip)
            .group_by(rows.c.agency_code, rows.c.nip)
            .subquery("employees")
        )
        query = select(employees.c.agency_code, func.count()).group_by(employees.c.agency_code)
        return rows_as_counts(await self._rows(query))

    async def jpm_buckets(self, scope: Scope) -> list[JpmBucket]:
        return rows_as_buckets(await self._rows(current_jpm_buckets(scope)))

    async def jp_compliance(
        self, scope: Scope, *, year: int, target: int
    ) -> list[AgencyCompliance]:
        return rows_as_compliance(await self._rows(current_compliance(scope, year, target)))

    def _developed(self) -> tuple[Any, ColumnElement[bool]]:
        """The competency codes of a completion (its JSON list), one row each (``value``),
        and the condition true on the first of them (to count each completion once)."""
        if self._dialect == "sqlite":
            each = func.json_each(CompletionRow.competencies).table_valued(
                "key", "value", name="developed"
            )
            return each, each.c.key == 0
        elements = (
            func.jsonb_array_elements_text(CompletionRow.competencies)
            .table_valued("value", with_ordinality="position", name="developed")
            .render_derived()
        )
        return elements, elements.c.position == 1

    async def course_effects(
        self, scope: Scope, *, year: int | None = None, course_code: str | None = None
    ) -> list[CourseEffect]:
        developed, first = self._developed()
        conditions = [
            col(CompletionRow.course_code).is_not(None),
            col(CompletionRow.outcome) != FAILED,
            within_agencies(CompletionRow.agency_code, scope),
        ]
        if year is not None:
            conditions.append(col(CompletionRow.year) == year)
        if course_code is not None:
            conditions.append(col(CompletionRow.course_code) == course_code)
        # Each completion x competency the course develops.
        developing = (
            select(
                col(CompletionRow.completion_id).label("completion_id"),
                col(CompletionRow.nip).label("nip"),
                col(CompletionRow.course_code).label("course_code"),
                col(CompletionRow.completed_at).label("completed_at"),
                developed.c.value.label("competency_code"),
                case((first, 1), else_=0).label("first"),
            )
            .select_from(CompletionRow)
            .join(developed, true())
            .where(*conditions)
            .cte("developing")
        )
        # The level before: of the results known when the course was completed, the one
        # that was current: the greatest precedence key of bangkom.kernel.precedence
        # (period, method rank, evaluated_at, result id), here in SQL for speed
        # (tests/integration/recommendation/test_precedence_sql.py holds the two together).
        earlier = (
            select(
                developing.c.completion_id,
                developing.c.competency_code,
                col(ResultHistoryRow.level).label("level"),
                func.row_number()
                .over(
                    partition_by=(developing.c.completion_id, developing.c.competency_code),
                    order_by=(
                        col(ResultHistoryRow.period).desc(),
                        col(ResultHistoryRow.method_rank).desc(),
                        col(ResultHistoryRow.evaluated_at).desc(),
                        col(ResultHistoryRow.result_id).desc(),
                    ),
                )
                .label("precedence"),
            )
            .select_from(developing)
            .join(
                ResultHistoryRow,
                and_(
                    col(ResultHistoryRow.nip) == developing.c.nip,
                    col(ResultHistoryRow.competency_code) == developing.c.competency_code,
                    col(ResultHistoryRow.evaluated_at) <= developing.c.completed_at,
                ),
            )
            .subquery("earlier")
        )
        # The level after: the current level, when a result after the course set it.
        pairs = (
            select(
                developing.c.course_code,
                developing.c.first,
                earlier.c.level.label("before"),
                col(LevelRow.level).label("after"),
            )
            .select_from(developing)
            .outerjoin(
                earlier,
                and_(
                    earlier.c.completion_id == developing.c.completion_id,
                    earlier.c.competency_code == developing.c.competency_code,
                    earlier.c.precedence == 1,
                ),
            )
            .outerjoin(
                LevelRow,
                and_(
                    col(LevelRow.nip) == developing.c.nip,
                    col(LevelRow.competency_code) == developing.c.competency_code,
                    col(LevelRow.evaluated_at) > developing.c.completed_at,
                ),
            )
            .subquery("pairs")
        )
        measured = and_(pairs.c.before.is_not(None), pairs.c.after.is_not(None))
        per_course = (
            select(
                pairs.c.course_code,
                func.sum(pairs.c.first).label("completions"),
                _total(measured).label("measured"),
                _total(~measured).label("unmeasured"),
                _total(measured, pairs.c.after - pairs.c.before).label("change"),
                _total(and_(measured, pairs.c.after > pairs.c.before)).label("improved"),
            )
            .group_by(pairs.c.course_code)
            .subquery("per_course")
        )
        query = (
            select(
                per_course.c.course_code,
                col(CourseRow.title),
                col(CourseRow.provider),
                per_course.c.completions,
                per_course.c.measured,
                per_course.c.unmeasured,
                per_course.c.change,
                per_course.c.improved,
            )
            .select_from(per_course)
            .outerjoin(CourseRow, col(CourseRow.code) == per_course.c.course_code)
        )
        found = await self._rows(query)
        return [
            CourseEffect(
                course_code=code,
                title=title,
                provider=provider,
                tally=EffectTally(
                    completions=int(completions),
                    measured=int(measured_count),
                    unmeasured=int(unmeasured),
                    change_sum=int(change),
                    improved=int(improved),
                ),
            )
            for (
                code,
                title,
                provider,
                completions,
                measured_count,
                unmeasured,
                change,
                improved,
            ) in found
        ]

    async def gap_trend(
        self, scope: Scope, at: Sequence[datetime], *, competency_code: str | None = None
    ) -> list[GapTally]:
        """Each gap history row is present at the instants from the first after it began
        to the last before it ended (or its employee left): the database sums the rows
        per (first, last) index pair, one pass; here each sum is added to its instants."""
        if not at:
            return []
        instants = sorted(set(at))
        history, placement = GapHistoryRow, PlacementRow
        left = and_(
            col(placement.active).is_(False),
            or_(
                col(history.valid_to).is_(None),
                col(placement.changed_at) < col(history.valid_to),
            ),
        )
        until = case((left, col(placement.changed_at)), else_=col(history.valid_to))

        def instants_up_to(moment: Any) -> ColumnElement[int]:
            counted: Any = sum(case((moment >= instant, 1), else_=0) for instant in instants)
            return cast(ColumnElement[int], counted)

        conditions = [
            col(history.valid_from) < instants[-1],
            or_(col(history.valid_to).is_(None), col(history.valid_to) >= instants[0]),
            within_agencies(history.agency_code, scope),
        ]
        if competency_code is not None:
            conditions.append(col(history.competency_code) == competency_code)
        spans = (
            select(
                instants_up_to(col(history.valid_from)).label("first"),
                case((until.is_(None), len(instants)), else_=instants_up_to(until)).label("last"),
                col(history.current_level).label("current_level"),
                col(history.required_level).label("required_level"),
            )
            .select_from(history)
            .join(placement, col(placement.nip) == col(history.nip))
            .where(*conditions)
            .subquery("spans")
        )
        query = select(
            spans.c.first,
            spans.c.last,
            *_tally_columns(spans.c.current_level, spans.c.required_level),
        ).group_by(spans.c.first, spans.c.last)
        tallies = dict.fromkeys(instants, GapTally())
        for first, last, *figures in await self._rows(query):
            tally = _tally(figures)
            for instant in instants[int(first) : int(last)]:
                tallies[instant] += tally
        return [tallies[instant] for instant in at]

    async def employee_gaps_at(self, nip: str, at: datetime) -> list[PastGap]:
        query = (
            select(
                col(GapHistoryRow.competency_code),
                col(GapRow.competency_name),
                col(GapHistoryRow.agency_code),
                col(GapHistoryRow.required_level),
                col(GapHistoryRow.current_level),
                col(GapHistoryRow.valid_from),
                col(GapHistoryRow.valid_to),
            )
            .select_from(GapHistoryRow)
            .outerjoin(
                GapRow,
                and_(
                    col(GapRow.nip) == col(GapHistoryRow.nip),
                    col(GapRow.competency_code) == col(GapHistoryRow.competency_code),
                ),
            )
            .where(
                col(GapHistoryRow.nip) == nip,
                col(GapHistoryRow.valid_from) < at,
                or_(col(GapHistoryRow.valid_to).is_(None), col(GapHistoryRow.valid_to) >= at),
            )
            .order_by(col(GapHistoryRow.competency_code))
        )
        found = await self._rows(query)
        return [PastGap(*row) for row in found]
