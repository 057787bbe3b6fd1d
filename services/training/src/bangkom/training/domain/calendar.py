"""Dates as the civil service counts them: in WIB (Asia/Jakarta).

A completion at 23:30 WIB on 31 December counts for that year even though it is
already the next year in UTC; session days are WIB days.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")


def local_date(moment: datetime) -> date:
    return moment.astimezone(WIB).date()


def year_of(moment: datetime) -> int:
    return local_date(moment).year
