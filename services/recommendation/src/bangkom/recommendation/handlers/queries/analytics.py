"""Analytics for HR offices, filtered by the caller's scope.

Agency analytics are for agency operators (their agencies and everything below them)
and province administrators or services (every agency); an employee is refused (403).
Narrowing to an agency outside the caller's scope looks the same as an absent agency
(404). The store sums per agency in SQL; here agencies are rolled up to the asked depth
(an addition of tallies) and the derived figures come from the domain.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from bangkom.kernel.agencies import covers
from bangkom.kernel.calendar import local_date
from bangkom.kernel.jp import TARGET_JP
from bangkom.platform.auth import Caller
from bangkom.platform.clock import utc_now
from bangkom.platform.errors import InvalidInput, NotFound
from bangkom.recommendation.domain.analytics import (
    MAX_PERIODS,
    ComplianceTally,
    EffectTally,
    GapTally,
    Interval,
    Period,
    end_of_day,
    periods,
    recent_periods,
    roll_up,
)
from bangkom.recommendation.domain.jpm import JpmDistribution
from bangkom.recommendation.domain.satisfaction import SatisfactionEffect
from bangkom.recommendation.handlers.access import analytics_scope, placement_in_scope
from bangkom.recommendation.handlers.analytics_ports import (
    AgencyCompliance,
    CourseEffect,
    GapCell,
    PastGap,
)
from bangkom.recommendation.handlers.ports import RecommendationUnitOfWork, Scope

DEFAULT_TREND_PERIODS = {Interval.MONTH: 12, Interval.QUARTER: 8, Interval.YEAR: 5}


class _RollUp:
    """Agency codes rolled up to ``depth`` segments, never above the scope's roots."""

    def __init__(self, scope: Scope, depth: int | None) -> None:
        self._roots = sorted(scope or ())
        self._depth = depth

    def __call__(self, agency_code: str) -> str:
        floor = max((r.count(".") + 1 for r in self._roots if covers(r, agency_code)), default=0)
        return roll_up(agency_code, self._depth, floor)


def _today(now: datetime) -> date:
    return local_date(now)


def _instant_of(on: date | None, now: datetime) -> datetime | None:
    """The end of day ``on`` (WIB), or now when ``on`` is today; None: current figures."""
    if on is None:
        return None
    if on > _today(now):
        raise InvalidInput(f"on: {on.isoformat()} is in the future", field="on")
    return min(end_of_day(on), now).astimezone(UTC)


# --- gap heatmap ---------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyGaps:
    agency_code: str
    employees: int  # distinct employees with at least one gap row
    total: GapTally  # over employee x competency pairs
    competencies: list[GapCell]


@dataclass(frozen=True)
class Heatmap:
    at: datetime | None  # None: current gaps
    depth: int | None
    agencies: list[AgencyGaps]


async def gap_heatmap(
    uow: RecommendationUnitOfWork,
    caller: Caller,
    *,
    agency_code: str | None = None,
    depth: int | None = None,
    competency_code: str | None = None,
    on: date | None = None,
    now: datetime | None = None,
) -> Heatmap:
    """Agency x competency: employees, mean gap, % meeting standard, unknown; now, or as
    it was at the end of day ``on``; agencies rolled up to ``depth`` when given."""
    scope = analytics_scope(caller, agency_code)
    at = _instant_of(on, now or utc_now())
    store = uow.analytics
    cells = await store.gap_cells(scope, at=at, competency_code=competency_code)
    employees = await store.gap_employees(scope, at=at, competency_code=competency_code)
    group = _RollUp(scope, depth)

    merged: dict[tuple[str, str], GapCell] = {}
    for cell in cells:
        key = (group(cell.agency_code), cell.competency_code)
        known = merged.get(key)
        merged[key] = GapCell(
            agency_code=key[0],
            competency_code=cell.competency_code,
            competency_name=cell.competency_name or (known.competency_name if known else None),
            tally=cell.tally + known.tally if known else cell.tally,
        )
    by_agency: dict[str, list[GapCell]] = defaultdict(list)
    for key in sorted(merged):
        by_agency[key[0]].append(merged[key])
    distinct: dict[str, int] = defaultdict(int)
    for code, count in employees.items():
        distinct[group(code)] += count
    return Heatmap(
        at=at,
        depth=depth,
        agencies=[
            AgencyGaps(
                agency_code=code,
                employees=distinct.get(code, 0),
                total=sum((c.tally for c in cells_of), GapTally()),
                competencies=cells_of,
            )
            for code, cells_of in by_agency.items()
        ],
    )


# --- JPM distribution ----------------------------------------------------------------


@dataclass(frozen=True)
class AgencyJpm:
    agency_code: str
    distribution: JpmDistribution


async def jpm_distribution(
    uow: RecommendationUnitOfWork,
    caller: Caller,
    *,
    agency_code: str | None = None,
    depth: int | None = None,
) -> list[AgencyJpm]:
    """Per agency: the employees' JPM in bands and the mean (active employees, current gaps)."""
    scope = analytics_scope(caller, agency_code)
    group = _RollUp(scope, depth)
    distributions: dict[str, JpmDistribution] = {}
    for bucket in await uow.analytics.jpm_buckets(scope):
        code = group(bucket.agency_code)
        distributions[code] = distributions.get(code, JpmDistribution()).add(
            bucket.met, bucket.required, employees=bucket.employees, assessed=bucket.assessed
        )
    return [AgencyJpm(code, distributions[code]) for code in sorted(distributions)]


# --- 20 JP compliance ----------------------------------------------------------------


@dataclass(frozen=True)
class Compliance:
    year: int
    target: int
    agencies: list[AgencyCompliance]


async def jp_compliance(
    uow: RecommendationUnitOfWork,
    caller: Caller,
    *,
    year: int | None = None,
    agency_code: str | None = None,
    depth: int | None = None,
    now: datetime | None = None,
) -> Compliance:
    """Per agency: active PNS, how many are below 20 JP in ``year`` (default: this year,
    WIB) and the JP they miss together."""
    scope = analytics_scope(caller, agency_code)
    year = year or _today(now or utc_now()).year
    group = _RollUp(scope, depth)
    rows = await uow.analytics.jp_compliance(scope, year=year, target=TARGET_JP)
    sums: dict[str, ComplianceTally] = defaultdict(ComplianceTally)
    for row in rows:
        sums[group(row.agency_code)] += row.tally
    return Compliance(
        year=year,
        target=TARGET_JP,
        agencies=[AgencyCompliance(code, sums[code]) for code in sorted(sums)],
    )


# --- training effectiveness ----------------------------------------------------------


@dataclass(frozen=True)
class ProviderEffect:
    provider: str
    courses: int
    tally: EffectTally


@dataclass(frozen=True)
class Effectiveness:
    courses: list[CourseEffect]
    providers: list[ProviderEffect]


async def training_effectiveness(
    uow: RecommendationUnitOfWork,
    caller: Caller,
    *,
    agency_code: str | None = None,
    year: int | None = None,
    course_code: str | None = None,
    provider: str | None = None,
) -> Effectiveness:
    """Level change after each course, by course and by provider, over the completions of
    the caller's agencies (of ``year`` when given)."""
    scope = analytics_scope(caller, agency_code)
    courses = await uow.analytics.course_effects(scope, year=year, course_code=course_code)
    if provider is not None:
        courses = [c for c in courses if c.provider == provider]
    courses.sort(key=lambda c: c.course_code)
    by_provider: dict[str, list[CourseEffect]] = defaultdict(list)
    for course in courses:
        by_provider[course.provider or ""].append(course)
    return Effectiveness(
        courses=courses,
        providers=[
            ProviderEffect(
                provider=name,
                courses=len(of_provider),
                tally=sum((c.tally for c in of_provider), EffectTally()),
            )
            for name, of_provider in sorted(by_provider.items())
        ],
    )


# --- trends --------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    at: datetime  # the end of the period, or now for the running one
    tally: GapTally


async def gap_trend(
    uow: RecommendationUnitOfWork,
    caller: Caller,
    *,
    agency_code: str | None = None,
    interval: Interval = Interval.MONTH,
    first: date | None = None,
    last: date | None = None,
    competency_code: str | None = None,
    now: datetime | None = None,
) -> list[TrendPoint]:
    """Mean gap and % meeting standard as they were at the end of each period (WIB)."""
    scope = analytics_scope(caller, agency_code)
    now = now or utc_now()
    last = last or _today(now)
    if last > _today(now):
        raise InvalidInput(f"last: {last.isoformat()} is in the future", field="last")
    if first is not None and first > last:
        raise InvalidInput(
            f"first: {first.isoformat()} is after last {last.isoformat()}", field="first"
        )
    chosen = (
        periods(first, last, interval)
        if first is not None
        else recent_periods(last, interval, DEFAULT_TREND_PERIODS[interval])
    )
    if len(chosen) > MAX_PERIODS:
        raise InvalidInput(
            f"first..last spans {len(chosen)} periods of a {interval}; at most {MAX_PERIODS}"
        )
    instants = [p.as_of(now).astimezone(UTC) for p in chosen]
    tallies = await uow.analytics.gap_trend(scope, instants, competency_code=competency_code)
    return [TrendPoint(p, at, t) for p, at, t in zip(chosen, instants, tallies, strict=True)]


# --- the gaps on a past date ---------------------------------------------------------


@dataclass(frozen=True)
class EmployeeGapsOn:
    nip: str
    on: date
    at: datetime
    gaps: list[PastGap]


async def employee_gaps_on(
    uow: RecommendationUnitOfWork,
    caller: Caller,
    nip: str,
    on: date,
    *,
    now: datetime | None = None,
) -> EmployeeGapsOn:
    """One employee's gaps as they were at the end of day ``on`` (WIB); the same scope as
    their current gaps (their agency's operators, their supervisor, themself)."""
    await placement_in_scope(uow, caller, nip)  # NotFound outside the caller's scope
    at = _instant_of(on, now or utc_now())
    assert at is not None
    return EmployeeGapsOn(nip=nip, on=on, at=at, gaps=await uow.analytics.employee_gaps_at(nip, at))


async def satisfaction_effect(
    uow: RecommendationUnitOfWork,
    caller: Caller,
    *,
    unit_code: str,
    before: str,
    after: str,
    competencies: Iterable[str],
) -> SatisfactionEffect:
    """A unit's IKM in two SKM periods beside the share of its staff trained, between
    them, in the competencies the public rates."""
    analytics_scope(caller, unit_code)  # the unit is the caller's to read
    earlier = await uow.satisfaction.of_unit(unit_code, before)
    later = await uow.satisfaction.of_unit(unit_code, after)
    if earlier is None or later is None:
        missing = before if earlier is None else after
        raise NotFound(f"no closed SKM period {missing} of unit {unit_code}")
    if later.closed_at <= earlier.closed_at:
        raise InvalidInput(f"period {after} did not close after {before}", field="after")
    staff = await uow.satisfaction.staff(unit_code)
    trained = await uow.satisfaction.trained(
        staff, competencies, earlier.closed_at, later.closed_at
    )
    return SatisfactionEffect(earlier, later, staff=len(staff), trained=len(trained))
