"""The 20 JP rule and its pace, computed by hand."""

from datetime import UTC, datetime

import pytest

from bangkom.kernel.jp import year_fraction
from bangkom.training.domain.ledger import Ledger, LedgerEntry, summarise
from tests.unit.training.factories import wib


def test_the_ledger_year_is_the_wib_year_of_completion() -> None:
    from bangkom.kernel.calendar import year_of

    # 31 Dec 2026 20:00 UTC is 1 Jan 2027 03:00 WIB.
    assert year_of(datetime(2026, 12, 31, 20, 0, tzinfo=UTC)) == 2027
    assert year_of(datetime(2026, 12, 31, 16, 59, tzinfo=UTC)) == 2026


def test_a_ledger_totals_credited_jp_against_20() -> None:
    entries = tuple(
        LedgerEntry(f"c{i}", "x", None, "lms", "passed", jp, wib(2027, 2, i + 1))
        for i, jp in enumerate([8, 0, 5])
    )

    ledger = Ledger("198503152010012003", 2027, entries)

    assert (ledger.total_jp, ledger.missing_jp, ledger.meets_target) == (13, 7, False)


@pytest.mark.parametrize(
    ("as_of", "fraction"),
    [
        (wib(2027, 1, 1), 1 / 365),
        # 31 + 28 + 31 + 30 + 26 = day 146 of 365 = 0.4
        (wib(2027, 5, 26, 23), 0.4),
        (wib(2027, 12, 31), 1.0),
        (wib(2028, 2, 29), 1.0),  # a past year is complete
        (wib(2026, 12, 31), 0.0),  # a future year has not started
        (wib(2028, 1, 31), 1.0),
    ],
)
def test_the_share_of_the_year_gone_counts_whole_wib_days(as_of, fraction) -> None:
    assert year_fraction(as_of, 2027) == pytest.approx(fraction)


def test_a_leap_year_has_366_days() -> None:
    assert year_fraction(wib(2028, 7, 1), 2028) == pytest.approx(183 / 366)


def test_figures_cap_each_employee_at_20_toward_the_target() -> None:
    # JP: 0, 12, 20, 45 -> below 20: two people, missing 20 + 8 = 28,
    # toward the target 0 + 12 + 20 + 20 = 52, total 77.
    figures = summarise("1273.BKPSDM", 2027, [0, 12, 20, 45])

    assert (
        figures.employees,
        figures.below_target,
        figures.jp_missing,
        figures.jp_toward_target,
        figures.jp_total,
    ) == (4, 2, 28, 52, 77)


def test_an_agency_is_behind_pace_below_the_linear_share_of_everyone_at_20() -> None:
    figures = summarise("1273.BKPSDM", 2027, [0, 12, 20, 45])  # 52 toward the target

    # 26 May: 4 x 20 x 0.4 = 32 expected -> ahead; 30 Sep (day 273): 4 x 20 x 273/365
    # = 59.84 expected -> behind.
    may, september = figures.pace(wib(2027, 5, 26)), figures.pace(wib(2027, 9, 30))

    assert (may.expected_jp, may.behind) == (pytest.approx(32.0), False)
    assert (september.expected_jp, september.behind) == (pytest.approx(59.836, abs=1e-3), True)
