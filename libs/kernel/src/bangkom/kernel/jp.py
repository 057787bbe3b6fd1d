"""The 20 JP duty: every PNS has the right and duty to at least 20 JP (jam pelajaran)
of competency development a year (PP 11/2017 art. 203). The year is the WIB calendar
year; PPPK staff earn JP too, but the duty, and so every figure of it, is the PNS's.

For one employee who earned ``jp`` in the year:

- missing = 20 - jp while below 20, else 0;
- toward the target = jp, at most 20 (someone at 45 JP does not make up for a
  colleague at 0).

Pace (whether a group "falls behind"): to bring every counted employee to 20 JP by
31 December, a group should have earned, by the end of day d of year Y (WIB),

    expected = employees x 20 x d / days_in_year(Y)

JP toward the target; before the year starts that is 0, after it ends employees x 20.
"""

from __future__ import annotations

from datetime import date, datetime

from bangkom.kernel.calendar import local_date
from bangkom.kernel.nip import EmploymentType

TARGET_JP = 20
DUTY_EMPLOYMENT_TYPES = frozenset({EmploymentType.PNS.value})


def has_duty(employment_type: str) -> bool:
    """True for the employment types the 20 JP duty applies to (PNS, not PPPK)."""
    return employment_type in DUTY_EMPLOYMENT_TYPES


def below_target(jp: int) -> bool:
    return jp < TARGET_JP


def meets_target(jp: int) -> bool:
    return not below_target(jp)


def missing(jp: int) -> int:
    """JP still missing to reach 20 (0 at or above it)."""
    return max(TARGET_JP - jp, 0)


def toward_target(jp: int) -> int:
    """The JP that count toward the target: at most 20."""
    return min(jp, TARGET_JP)


def year_fraction(as_of: datetime, year: int) -> float:
    """Share of ``year`` gone by the end of as_of's day (WIB)."""
    today = local_date(as_of)
    if today.year < year:
        return 0.0
    if today.year > year:
        return 1.0
    days_in_year = (date(year + 1, 1, 1) - date(year, 1, 1)).days
    return today.timetuple().tm_yday / days_in_year


def expected_jp(employees: int, as_of: datetime, year: int) -> float:
    """JP toward the target that ``employees`` should have earned in ``year`` by the end
    of as_of's day, on a linear pace to 20 each by 31 December."""
    return employees * TARGET_JP * year_fraction(as_of, year)
