"""Dates and years as the civil service counts them: in WIB (Asia/Jakarta).

A completion at 23:30 WIB on 31 December counts for that year even though it is
already the next year in UTC; an assessment at 00:30 WIB on 1 January belongs to the
new year's period although it is still 31 December in UTC.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")


def local_date(moment: datetime) -> date:
    """The WIB date of an aware ``moment``."""
    return moment.astimezone(WIB).date()


def year_of(moment: datetime) -> int:
    """The WIB calendar year of an aware ``moment``."""
    return local_date(moment).year
