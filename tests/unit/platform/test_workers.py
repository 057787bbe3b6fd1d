"""When a daily job is next due, across time zones and the day boundary."""

import asyncio
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bangkom.platform.workers import next_daily, pause

WIB = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("now", "due"),
    [
        # 00:30 WIB: today's 01:00 WIB is still ahead.
        (datetime(2027, 5, 25, 17, 30, tzinfo=UTC), datetime(2027, 5, 26, 1, 0, tzinfo=WIB)),
        # Exactly 01:00 WIB has just run: the next is tomorrow's.
        (datetime(2027, 5, 25, 18, 0, tzinfo=UTC), datetime(2027, 5, 27, 1, 0, tzinfo=WIB)),
        # 23:00 WIB on 31 December is still 2027 in WIB; next is 1 January 2028.
        (datetime(2027, 12, 31, 16, 0, tzinfo=UTC), datetime(2028, 1, 1, 1, 0, tzinfo=WIB)),
    ],
)
def test_the_next_daily_run_is_the_coming_time_of_day_in_the_zone(
    now: datetime, due: datetime
) -> None:
    assert next_daily(now, time(1, 0), WIB) == due


async def test_a_pause_ends_early_when_the_service_stops() -> None:
    stop = asyncio.Event()
    stop.set()

    assert await pause(stop, 3600) is True
    assert await pause(asyncio.Event(), 0) is False
