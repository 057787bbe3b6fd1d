"""Cases of the kernel's rules, shared by the kernel's unit tests and by the tests that
hold a SQL rendering of the same rule (agency scope, result precedence) to the kernel:
one table, so that the Python rule and its SQL cannot drift apart unnoticed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bangkom.kernel.calendar import WIB
from bangkom.kernel.precedence import AssessmentMethod

# (root, agency code, covered?)
AGENCY_COVERS: list[tuple[str, str, bool]] = [
    ("12.73.BKPSDM", "12.73.BKPSDM", True),
    ("12.73.BKPSDM", "12.73.BKPSDM.PK", True),
    ("12.73.BKPSDM", "12.73.BKPSDM.PK.SUB", True),
    ("12", "12.73.BKPSDM.PK", True),
    ("12.73.BKPSDM", "12.73.BKPSDMX", False),  # segments are whole
    ("12.73.BKPSDM", "12.73", False),  # nothing above the root
    ("12.7", "12.73", False),
    ("12.73.BKPSDM", "12.73.DINKES", False),
    ("12.73.BKPSDM.PK", "12.73.BKPSDM", False),
    # '_' and '%' are characters of a code, not wildcards
    ("12.73.DIN_KES", "12.73.DIN_KES", True),
    ("12.73.DIN_KES", "12.73.DIN_KES.P2P", True),
    ("12.73.DIN_KES", "12.73.DINXKES", False),
    ("12.73.DIN_KES", "12.73.DINXKES.P2P", False),
    ("12.73.DIN%", "12.73.DIN%", True),
    ("12.73.DIN%", "12.73.DIN%.A", True),
    ("12.73.DIN%", "12.73.DINKES", False),
    ("12.73.DIN%", "12.73.DINKES.A", False),
    ("12.%", "12.73", False),
    ("_2", "12.73", False),
    ("12.73.A\\B", "12.73.A\\B.C", True),  # the escape character itself
    ("12.73.A\\B", "12.73.A_B.C", False),
]

# Codes that differ only in case: the kernel (and PostgreSQL's LIKE) tell them apart,
# SQLite's LIKE does not (it ignores ASCII case), so on SQLite a scope root spelled in
# another case reaches the agencies below the real code (not the code itself).
AGENCY_COVERS_CASE: list[tuple[str, str, bool]] = [
    ("12.73.bkpsdm", "12.73.BKPSDM.PK", False),
    ("12.73.bkpsdm", "12.73.BKPSDM", False),
]


@dataclass(frozen=True)
class Candidate:
    """One assessment result of a competency, as the assessor recorded it."""

    result_id: str
    method: AssessmentMethod
    evaluated_at: datetime


@dataclass(frozen=True)
class PrecedenceCase:
    name: str
    candidates: tuple[Candidate, ...]
    current: str  # the result id that is the current level


def wib(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


def utc(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


M = AssessmentMethod
ID_LOW = "0b1e4a52-0000-4000-8000-000000000001"
ID_HIGH = "f3c2d9a7-0000-4000-8000-000000000002"

PRECEDENCE: list[PrecedenceCase] = [
    PrecedenceCase("a single result", (Candidate("a", M.SELF, wib(2026, 3, 1)),), "a"),
    PrecedenceCase(
        "same period, a measured result outweighs a later self-assessment",
        (
            Candidate("centre", M.ASSESSMENT_CENTER, wib(2026, 3, 1)),
            Candidate("self", M.SELF, wib(2026, 10, 1)),
        ),
        "centre",
    ),
    PrecedenceCase(
        "same period, a supervisor's rating outweighs a later self-assessment",
        (
            Candidate("self", M.SELF, wib(2026, 11, 1)),
            Candidate("supervisor", M.SUPERVISOR, wib(2026, 2, 1)),
        ),
        "supervisor",
    ),
    PrecedenceCase(
        "same period, a measured result outweighs a later supervisor's rating",
        (
            Candidate("cat", M.CAT, wib(2026, 1, 10)),
            Candidate("supervisor", M.SUPERVISOR, wib(2026, 12, 1)),
        ),
        "cat",
    ),
    PrecedenceCase(
        "a later period wins whatever its method",
        (
            Candidate("centre", M.ASSESSMENT_CENTER, wib(2025, 6, 1)),
            Candidate("self", M.SELF, wib(2026, 2, 1)),
        ),
        "self",
    ),
    PrecedenceCase(
        "same method, the later evaluated_at wins",
        (
            Candidate("may", M.CAT, wib(2026, 5, 5)),
            Candidate("january", M.CAT, wib(2026, 1, 5)),
        ),
        "may",
    ),
    PrecedenceCase(
        "measured methods weigh alike: a post-training result after the centre wins",
        (
            Candidate("centre", M.ASSESSMENT_CENTER, wib(2026, 3, 1)),
            Candidate("post", M.POST_TRAINING, wib(2026, 9, 1)),
            Candidate("supervisor", M.SUPERVISOR, wib(2026, 10, 1)),
            Candidate("360", M.MULTI_RATER, wib(2026, 4, 1)),
        ),
        "post",
    ),
    PrecedenceCase(
        "the later evaluated_at wins by a microsecond",
        (
            Candidate("first", M.CAT, datetime(2026, 5, 5, 3, 0, 0, 1, tzinfo=UTC)),
            Candidate("second", M.CAT, datetime(2026, 5, 5, 3, 0, 0, 2, tzinfo=UTC)),
        ),
        "second",
    ),
    PrecedenceCase(
        "a tie in period, rank and time is broken by the greater id",
        (
            Candidate(ID_HIGH, M.CAT, wib(2026, 5, 5)),
            Candidate(ID_LOW, M.CAT, wib(2026, 5, 5)),
        ),
        ID_HIGH,
    ),
    PrecedenceCase(
        "a tie between two measured methods at one instant is broken by id too",
        (
            Candidate(ID_LOW, M.ASSESSMENT_CENTER, wib(2026, 5, 5)),
            Candidate(ID_HIGH, M.MULTI_RATER, wib(2026, 5, 5)),
        ),
        ID_HIGH,
    ),
    PrecedenceCase(
        "2025-12-31T17:30Z is 2026 in WIB: a self-assessment then opens the new period",
        (
            Candidate("centre", M.ASSESSMENT_CENTER, utc(2025, 12, 31, 16, 30)),  # 23:30 WIB
            Candidate("self", M.SELF, utc(2025, 12, 31, 17, 30)),  # 00:30 WIB, 1 Jan 2026
        ),
        "self",
    ),
    PrecedenceCase(
        "2025-12-31T16:59Z is still 2025 in WIB: the centre of that year outweighs it",
        (
            Candidate("centre", M.ASSESSMENT_CENTER, utc(2025, 6, 1)),
            Candidate("self", M.SELF, utc(2025, 12, 31, 16, 59)),
        ),
        "centre",
    ),
    PrecedenceCase(
        "1 January 06:00 WIB is 31 December in UTC but the new period",
        (
            Candidate("cat", M.CAT, utc(2026, 12, 31, 12)),
            Candidate("supervisor", M.SUPERVISOR, wib(2027, 1, 1, 6)),
        ),
        "supervisor",
    ),
]

# (incoming business time, known business time or None, does the incoming state win?)
NEWER_WINS: list[tuple[datetime, datetime | None, bool]] = [
    (utc(2026, 3, 2), None, True),  # nothing known yet
    (utc(2026, 3, 2), utc(2026, 3, 1), True),  # newer
    (utc(2026, 3, 1), utc(2026, 3, 2), False),  # older: late or replayed
    (utc(2026, 3, 2), utc(2026, 3, 2), False),  # equal: the state held, seen again
    (wib(2026, 3, 2, 17), utc(2026, 3, 2, 10), False),  # the same instant in WIB
    (datetime(2026, 3, 2, 0, 0, 0, 1, tzinfo=UTC), utc(2026, 3, 2, 0), True),  # 1 µs later
]
