"""The 20 JP arithmetic, worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bangkom.kernel.calendar import WIB, local_date, year_of
from bangkom.kernel.jp import (
    TARGET_JP,
    below_target,
    expected_jp,
    has_duty,
    meets_target,
    missing,
    toward_target,
    year_fraction,
)


@pytest.mark.parametrize(
    ("jp", "short", "toward", "below"),
    [
        (0, 20, 0, True),
        (12, 8, 12, True),
        (19, 1, 19, True),
        (20, 0, 20, False),
        (21, 0, 20, False),
        (45, 0, 20, False),
    ],
)
def test_missing_and_toward_the_target_of_20(jp: int, short: int, toward: int, below: bool) -> None:
    assert TARGET_JP == 20
    assert (missing(jp), toward_target(jp), below_target(jp), meets_target(jp)) == (
        short,
        toward,
        below,
        not below,
    )


def test_the_duty_is_the_pns_not_the_pppk() -> None:
    assert has_duty("PNS")
    assert not has_duty("PPPK")


def _wib(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=WIB)


@pytest.mark.parametrize(
    ("as_of", "fraction"),
    [
        (_wib(2027, 1, 1), 1 / 365),
        (_wib(2027, 5, 26, 23), 146 / 365),  # 31 + 28 + 31 + 30 + 26
        (_wib(2027, 12, 31), 1.0),
        (datetime(2027, 12, 31, 17, 30, tzinfo=UTC), 1.0),  # 1 Jan 2028 in WIB
        (datetime(2026, 12, 31, 17, 30, tzinfo=UTC), 1 / 365),  # already 2027 in WIB
        (_wib(2026, 12, 31), 0.0),  # the year has not started
        (_wib(2028, 1, 31), 1.0),  # a past year is complete
    ],
)
def test_the_share_of_the_year_gone_counts_whole_wib_days(as_of: datetime, fraction: float) -> None:
    assert year_fraction(as_of, 2027) == pytest.approx(fraction)


def test_a_leap_year_has_366_days() -> None:
    assert year_fraction(_wib(2028, 7, 1), 2028) == pytest.approx(183 / 366)


def test_the_expected_jp_is_everyone_at_20_on_a_linear_pace() -> None:
    # 4 employees: 26 May is day 146 of 365 -> 4 x 20 x 0.4 = 32.
    assert expected_jp(4, _wib(2027, 5, 26), 2027) == pytest.approx(32.0)
    assert expected_jp(4, _wib(2028, 1, 2), 2027) == 80.0
    assert expected_jp(0, _wib(2027, 5, 26), 2027) == 0.0


@pytest.mark.parametrize(
    ("moment", "year", "day"),
    [
        (datetime(2026, 12, 31, 20, 0, tzinfo=UTC), 2027, (2027, 1, 1)),  # 03:00 WIB
        (datetime(2026, 12, 31, 16, 59, tzinfo=UTC), 2026, (2026, 12, 31)),  # 23:59 WIB
    ],
)
def test_dates_and_years_are_wib(moment: datetime, year: int, day: tuple[int, int, int]) -> None:
    assert year_of(moment) == year
    assert (local_date(moment).year, local_date(moment).month, local_date(moment).day) == day
