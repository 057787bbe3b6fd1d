"""Analytics arithmetic of the recommendation domain; every expected figure is worked out
by hand in the comments."""

from datetime import UTC, date, datetime

import pytest

from bangkom.kernel.jpm import JpmBand
from bangkom.recommendation.domain.analytics import (
    WIB,
    GapTally,
    Interval,
    end_of_day,
    measure,
    periods,
    ratio,
    recent_periods,
    roll_up,
    tally_gap,
    tally_jp,
)
from bangkom.recommendation.domain.jpm import JpmDistribution


def test_a_jpm_distribution_counts_bands_and_the_mean_over_employees() -> None:
    distribution = (
        JpmDistribution()
        .add(5, 6)  # 83.3 cukup optimal
        .add(2, 6)  # 33.3 kurang optimal
        .add(6, 6, employees=2)  # 100.0 optimal, twice
        .add(0, 6, assessed=False)  # 0.0 kurang optimal, never assessed
        .add(0, 0)  # no standard: not counted
    )
    # mean = (83.3 + 33.3 + 100 + 100 + 0) / 5 = 316.6 / 5 = 63.32 -> 63.3
    assert distribution.employees == 5
    assert distribution.mean == 63.3
    assert dict(distribution.bands) == {
        JpmBand.OPTIMAL: 2,
        JpmBand.CUKUP_OPTIMAL: 1,
        JpmBand.KURANG_OPTIMAL: 2,
    }
    assert distribution.not_assessed == 1


def test_jpm_distributions_of_two_agencies_add_up() -> None:
    city = JpmDistribution().add(5, 6) + JpmDistribution().add(4, 5)
    # (83.3 + 80.0) / 2 = 81.65 -> 81.7 (half up, not binary rounding)
    assert city.mean == 81.7
    assert city.bands[JpmBand.CUKUP_OPTIMAL] == 2
    assert JpmDistribution().mean is None


def test_mean_gap_and_percent_meeting_leave_unknown_out() -> None:
    # Five employees in one competency, required 3: current 3, 4, 1, 2 and never assessed.
    tally = sum(
        (tally_gap(3, current) for current in (3, 4, 1, 2, None)),
        GapTally(),
    )
    # assessed 4: met 2, open 2 with gaps 2 + 1 = 3 -> mean 3 / 4 = 0.75, 2 / 4 = 50 %
    assert (tally.employees, tally.met, tally.open, tally.unknown) == (5, 2, 2, 1)
    assert tally.mean_gap == 0.75
    assert tally.percent_meeting == 50.0


def test_a_group_never_assessed_has_no_mean_gap_nor_percent() -> None:
    tally = tally_gap(3, None) + tally_gap(2, None)

    assert tally.unknown == 2
    assert tally.mean_gap is None
    assert tally.percent_meeting is None


def test_ratios_round_half_up_exactly() -> None:
    assert ratio(1, 3, 2) == 0.33
    assert ratio(2, 3, 1) == 0.7
    assert ratio(1, 8, 2) == 0.13  # 0.125, which binary round() would make 0.12
    assert ratio(1, 0, 2) is None


def test_20_jp_compliance_sums_what_each_employee_below_20_misses() -> None:
    agency = tally_jp(24) + tally_jp(8) + tally_jp(0) + tally_jp(20)
    # below: 8 and 0 -> missing 12 + 20 = 32; compliant 2 of 4 = 50 %
    assert (agency.employees, agency.below_target, agency.jp_missing) == (4, 2, 32)
    assert agency.jp_total == 52
    assert agency.compliant == 2
    assert agency.percent_compliant == 50.0


def test_effectiveness_measures_only_pairs_with_a_level_before_and_after() -> None:
    course = measure(1, 2) + measure(2, 2) + measure(3, 2) + measure(None, 3) + measure(2, None)
    # measured: +1, 0, -1 -> mean 0 / 3 = 0.0; improved 1 of 3 = 33.3 %
    assert (course.measured, course.unmeasured) == (3, 2)
    assert course.mean_change == 0.0
    assert course.improved == 1
    assert course.percent_improved == 33.3


def test_effectiveness_of_a_course_nobody_was_measured_after_is_unknown() -> None:
    course = measure(2, None) + measure(None, None)

    assert course.mean_change is None
    assert course.percent_improved is None


@pytest.mark.parametrize(
    ("code", "depth", "floor", "expected"),
    [
        ("12.73.BKPSDM.PK", 2, 0, "12.73"),
        ("12.73.BKPSDM.PK", 3, 0, "12.73.BKPSDM"),
        ("12.73.BKPSDM.PK", 1, 0, "12"),
        ("12.73", 3, 0, "12.73"),  # already above the depth
        ("12.73.BKPSDM.PK", None, 0, "12.73.BKPSDM.PK"),  # no roll-up
        ("12.73.BKPSDM.PK", 2, 3, "12.73.BKPSDM"),  # not above the caller's own agency
    ],
)
def test_roll_up_cuts_agency_codes_to_the_depth_but_not_above_the_floor(
    code: str, depth: int | None, floor: int, expected: str
) -> None:
    assert roll_up(code, depth, floor) == expected


def test_a_day_ends_at_midnight_in_jakarta() -> None:
    assert end_of_day(date(2024, 3, 31)) == datetime(2024, 3, 31, 17, 0, tzinfo=UTC)


def test_monthly_periods_end_where_the_next_month_starts_in_wib() -> None:
    found = periods(date(2024, 1, 15), date(2024, 3, 2), Interval.MONTH)

    assert [p.starts_on for p in found] == [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]
    assert [p.ends_at for p in found] == [
        datetime(2024, 2, 1, tzinfo=WIB),
        datetime(2024, 3, 1, tzinfo=WIB),
        datetime(2024, 4, 1, tzinfo=WIB),
    ]


def test_quarters_and_years_across_a_year_end() -> None:
    quarters = periods(date(2023, 11, 5), date(2024, 4, 1), Interval.QUARTER)
    years = recent_periods(date(2024, 6, 1), Interval.YEAR, 3)

    assert [q.starts_on for q in quarters] == [
        date(2023, 10, 1),
        date(2024, 1, 1),
        date(2024, 4, 1),
    ]
    assert [y.starts_on for y in years] == [date(2022, 1, 1), date(2023, 1, 1), date(2024, 1, 1)]


def test_the_running_period_is_taken_now_and_a_past_one_at_its_end() -> None:
    [january, february] = recent_periods(date(2024, 2, 10), Interval.MONTH, 2)
    now = datetime(2024, 2, 10, 5, 0, tzinfo=UTC)

    assert january.as_of(now) == datetime(2024, 2, 1, tzinfo=WIB)
    assert february.as_of(now) == now
