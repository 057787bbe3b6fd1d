"""The 20 JP rule: every PNS has the right and duty to at least 20 JP (jam pelajaran)
of competency development a year (PP 11/2017 art. 203).

Ledger: per employee and WIB calendar year, the JP credited by completions of any
mode, from sessions or reported from outside. A failed course credits nothing.

Compliance counts the active PNS of an agency. PPPK staff keep a ledger too, but the
20 JP duty is not theirs, so they are not counted (COUNTED_EMPLOYMENT_TYPES).

Pace rule (when an agency "falls behind"): to bring every counted employee to 20 JP
by 31 December, an agency should have earned, by the end of day d of year Y (WIB),

    expected = employees x 20 x d / days_in_year(Y)

JP toward the target, where each employee contributes at most 20 (someone at 45 JP
does not make up for a colleague at 0). The agency is behind when the JP toward the
target are below that expected figure. Before the year starts the expected figure is
0; after it ends, employees x 20.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from bangkom.kernel.calendar import local_date

TARGET_JP = 20
COUNTED_EMPLOYMENT_TYPES = frozenset({"PNS"})


@dataclass(frozen=True)
class LedgerEntry:
    completion_id: str
    title: str
    course_code: str | None
    source: str
    outcome: str
    jp_credited: int
    completed_at: datetime


@dataclass(frozen=True)
class Ledger:
    nip: str
    year: int
    entries: tuple[LedgerEntry, ...]

    @property
    def total_jp(self) -> int:
        return sum(e.jp_credited for e in self.entries)

    @property
    def missing_jp(self) -> int:
        return max(TARGET_JP - self.total_jp, 0)

    @property
    def meets_target(self) -> bool:
        return self.total_jp >= TARGET_JP


def toward_target(jp: int) -> int:
    return min(jp, TARGET_JP)


def missing(jp: int) -> int:
    return max(TARGET_JP - jp, 0)


def year_fraction(as_of: datetime, year: int) -> float:
    """Share of ``year`` gone by the end of as_of's day (WIB)."""
    today = local_date(as_of)
    if today.year < year:
        return 0.0
    if today.year > year:
        return 1.0
    days_in_year = (date(year + 1, 1, 1) - date(year, 1, 1)).days
    return today.timetuple().tm_yday / days_in_year


@dataclass(frozen=True)
class Pace:
    as_of: datetime
    expected_jp: float
    actual_jp: int

    @property
    def behind(self) -> bool:
        return self.actual_jp < self.expected_jp


@dataclass(frozen=True)
class ComplianceFigures:
    """One agency (or an agency with everything below it) in one year."""

    agency_code: str
    year: int
    employees: int
    below_target: int
    jp_missing: int
    jp_total: int
    jp_toward_target: int

    def pace(self, as_of: datetime) -> Pace:
        expected = self.employees * TARGET_JP * year_fraction(as_of, self.year)
        return Pace(as_of=as_of, expected_jp=expected, actual_jp=self.jp_toward_target)


def summarise(agency_code: str, year: int, jp_per_employee: Iterable[int]) -> ComplianceFigures:
    """The figures from each counted employee's JP of the year (0 for none)."""
    jps = list(jp_per_employee)
    return ComplianceFigures(
        agency_code=agency_code,
        year=year,
        employees=len(jps),
        below_target=sum(1 for jp in jps if jp < TARGET_JP),
        jp_missing=sum(missing(jp) for jp in jps),
        jp_total=sum(jps),
        jp_toward_target=sum(toward_target(jp) for jp in jps),
    )


@dataclass(frozen=True)
class EmployeeCompliance:
    nip: str
    name: str
    agency_code: str
    year: int
    jp: int

    @property
    def missing_jp(self) -> int:
        return missing(self.jp)


@dataclass(frozen=True)
class ComplianceAlert:
    """Whether an agency was behind at its last check, so that a daily check raises the
    alarm when it falls behind, not every day it stays behind."""

    agency_code: str
    year: int
    behind: bool
    checked_at: datetime
