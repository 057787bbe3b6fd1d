"""Figures for HR offices: gap tallies, 20 JP compliance, training effectiveness, roll-up
of agency codes and the periods of a trend.

Every tally is a set of sums, so tallies of agencies add up to the tally of the agency
above them (a roll-up is an addition) and the derived figures (means, percentages) are
computed once, at the end:

- gaps: mean gap = sum of (required - current) over *assessed* employee x competency
  pairs / assessed pairs (a met competency counts 0); % meeting standard =
  met / (met + open) x 100; never-assessed pairs are *unknown*, outside both figures
  and counted on their own;
- 20 JP (bangkom.kernel.jp): an employee below 20 JP in the year misses 20 - their
  JP; the agency's missing JP is the sum of those;
- training effectiveness: per completion of a course and competency it develops, the
  level before (current level when the course was completed) and after (the current
  level now, when it was set by a result evaluated after the course). A pair without
  both is *unmeasured*; the mean level change and the share improved are over measured
  pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from bangkom.kernel import jp
from bangkom.kernel.calendar import WIB

MAX_PERIODS = 60


def ratio(part: int, whole: int, digits: int) -> float | None:
    """part / whole rounded half up to ``digits`` decimals (exactly, not in binary
    floating point); None when ``whole`` is 0."""
    if not whole:
        return None
    exact = Decimal(part) / Decimal(whole)
    return float(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def _percent(part: int, whole: int) -> float | None:
    return ratio(100 * part, whole, 1)


@dataclass(frozen=True)
class GapTally:
    """Gaps of a group of employee x competency pairs (for one competency: employees)."""

    employees: int = 0
    met: int = 0
    open: int = 0
    unknown: int = 0
    gap_sum: int = 0  # sum of required - current over open pairs

    @property
    def assessed(self) -> int:
        return self.met + self.open

    @property
    def mean_gap(self) -> float | None:
        return ratio(self.gap_sum, self.assessed, 2)

    @property
    def percent_meeting(self) -> float | None:
        return _percent(self.met, self.assessed)

    def __add__(self, other: GapTally) -> GapTally:
        return GapTally(
            employees=self.employees + other.employees,
            met=self.met + other.met,
            open=self.open + other.open,
            unknown=self.unknown + other.unknown,
            gap_sum=self.gap_sum + other.gap_sum,
        )


def tally_gap(required_level: int, current_level: int | None) -> GapTally:
    """The tally of one employee's gap in one competency."""
    if current_level is None:
        return GapTally(employees=1, unknown=1)
    if current_level >= required_level:
        return GapTally(employees=1, met=1)
    return GapTally(employees=1, open=1, gap_sum=required_level - current_level)


@dataclass(frozen=True)
class ComplianceTally:
    """20 JP in one year for a group of active employees."""

    employees: int = 0
    below_target: int = 0
    jp_missing: int = 0  # sum of 20 - JP over the employees below 20
    jp_total: int = 0

    @property
    def compliant(self) -> int:
        return self.employees - self.below_target

    @property
    def percent_compliant(self) -> float | None:
        return _percent(self.compliant, self.employees)

    def __add__(self, other: ComplianceTally) -> ComplianceTally:
        return ComplianceTally(
            employees=self.employees + other.employees,
            below_target=self.below_target + other.below_target,
            jp_missing=self.jp_missing + other.jp_missing,
            jp_total=self.jp_total + other.jp_total,
        )


def tally_jp(earned: int) -> ComplianceTally:
    """The tally of one employee who earned ``earned`` JP in the year."""
    return ComplianceTally(
        employees=1,
        below_target=1 if jp.below_target(earned) else 0,
        jp_missing=jp.missing(earned),
        jp_total=earned,
    )


@dataclass(frozen=True)
class EffectTally:
    """Level change after a course, over completion x competency pairs."""

    completions: int = 0
    measured: int = 0
    unmeasured: int = 0
    change_sum: int = 0
    improved: int = 0

    @property
    def mean_change(self) -> float | None:
        return ratio(self.change_sum, self.measured, 2)

    @property
    def percent_improved(self) -> float | None:
        return _percent(self.improved, self.measured)

    def __add__(self, other: EffectTally) -> EffectTally:
        return EffectTally(
            completions=self.completions + other.completions,
            measured=self.measured + other.measured,
            unmeasured=self.unmeasured + other.unmeasured,
            change_sum=self.change_sum + other.change_sum,
            improved=self.improved + other.improved,
        )


def measure(before: int | None, after: int | None) -> EffectTally:
    """The tally of one competency of one completion (``completions`` stays 0: a
    completion developing several competencies is counted once, by its caller)."""
    if before is None or after is None:
        return EffectTally(unmeasured=1)
    return EffectTally(measured=1, change_sum=after - before, improved=1 if after > before else 0)


def roll_up(agency_code: str, depth: int | None, floor: int = 0) -> str:
    """The code an agency is counted under when figures are rolled up to ``depth``
    segments ("12.73.BKPSDM.PK" at depth 2 is "12.73"); never above ``floor`` segments
    (a caller who sees one agency sees it, not its city). None: no roll-up."""
    if depth is None:
        return agency_code
    segments = agency_code.split(".")
    return ".".join(segments[: max(depth, floor)])


class Interval(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@dataclass(frozen=True)
class Period:
    starts_on: date
    ends_at: datetime  # the first instant after the period (its end), aware

    def as_of(self, now: datetime) -> datetime:
        """The instant the period's figures are taken at: its end, or now if still running."""
        return min(self.ends_at, now)


def start_of_day(day: date) -> datetime:
    """The first instant of ``day`` in WIB (Asia/Jakarta), as an aware datetime."""
    return datetime.combine(day, time(0), tzinfo=WIB)


def end_of_day(day: date) -> datetime:
    """The instant ``day`` ends in WIB: figures "on ``day``" are as they were then."""
    return start_of_day(day + timedelta(days=1))


def _period_start(day: date, interval: Interval) -> date:
    if interval is Interval.YEAR:
        return date(day.year, 1, 1)
    if interval is Interval.QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, day.month, 1)


def periods(first: date, last: date, interval: Interval) -> list[Period]:
    """The calendar periods (WIB) from the one containing ``first`` to the one
    containing ``last``, each ending where the next begins."""
    result: list[Period] = []
    start = _period_start(first, interval)
    while start <= last:
        following = _shift(start, interval, 1)
        result.append(Period(starts_on=start, ends_at=start_of_day(following)))
        start = following
    return result


def _shift(start: date, interval: Interval, count: int) -> date:
    months = {Interval.MONTH: 1, Interval.QUARTER: 3, Interval.YEAR: 12}[interval] * count
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def recent_periods(last: date, interval: Interval, count: int) -> list[Period]:
    """The ``count`` periods up to the one containing ``last``."""
    first = _shift(_period_start(last, interval), interval, -(count - 1))
    return periods(first, last, interval)
