"""An assessment recorded from the console is at noon WIB of its day, but never later
than the moment it is recorded: this morning's assessment, recorded at 07:21 WIB, was
refused as 'belum tiba' (the browser test failed on a CI run at that hour)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bangkom.console.handlers.on_commands.results import business_time
from bangkom.kernel.calendar import WIB

MORNING = datetime(2026, 12, 6, 0, 21, tzinfo=UTC)  # 07:21 WIB


def test_an_assessment_of_an_earlier_day_is_at_its_noon() -> None:
    assert business_time(date(2026, 12, 5), MORNING) == datetime(2026, 12, 5, 12, tzinfo=WIB)


def test_todays_assessment_recorded_before_noon_is_at_the_moment_recorded() -> None:
    assert business_time(date(2026, 12, 6), MORNING) == MORNING


def test_todays_assessment_recorded_in_the_afternoon_is_at_noon() -> None:
    afternoon = datetime(2026, 12, 6, 8, tzinfo=UTC)  # 15:00 WIB
    assert business_time(date(2026, 12, 6), afternoon) == datetime(2026, 12, 6, 12, tzinfo=WIB)
