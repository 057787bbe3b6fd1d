"""The 20 JP ledger and compliance; the arithmetic of the duty (20 JP a WIB calendar
year, missing JP, JP toward the target, the pace) is the kernel's, bangkom.kernel.jp.

Ledger: per employee and WIB calendar year, the JP credited by completions of any
mode, from sessions or reported from outside. A failed course credits nothing.

Compliance counts the active PNS of an agency. PPPK staff keep a ledger too, but the
20 JP duty is not theirs, so they are not counted (jp.DUTY_EMPLOYMENT_TYPES).

An agency is behind when its JP toward the target are below what the linear pace to
20 each by 31 December expects by the end of the day (jp.expected_jp).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bangkom.kernel import jp

# The target the API reports with every ledger and compliance figure.
from bangkom.kernel.jp import TARGET_JP as TARGET_JP


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
        return jp.missing(self.total_jp)

    @property
    def meets_target(self) -> bool:
        return jp.meets_target(self.total_jp)


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
        expected = jp.expected_jp(self.employees, as_of, self.year)
        return Pace(as_of=as_of, expected_jp=expected, actual_jp=self.jp_toward_target)


def summarise(agency_code: str, year: int, jp_per_employee: Iterable[int]) -> ComplianceFigures:
    """The figures from each counted employee's JP of the year (0 for none)."""
    jps = list(jp_per_employee)
    return ComplianceFigures(
        agency_code=agency_code,
        year=year,
        employees=len(jps),
        below_target=sum(1 for earned in jps if jp.below_target(earned)),
        jp_missing=sum(jp.missing(earned) for earned in jps),
        jp_total=sum(jps),
        jp_toward_target=sum(jp.toward_target(earned) for earned in jps),
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
        return jp.missing(self.jp)


@dataclass(frozen=True)
class ComplianceAlert:
    """Whether an agency was behind at its last check, so that a daily check raises the
    alarm when it falls behind, not every day it stays behind."""

    agency_code: str
    year: int
    behind: bool
    checked_at: datetime
