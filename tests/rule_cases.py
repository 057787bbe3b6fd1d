"""Cases of the kernel's rules, shared by the kernel's unit tests and by the tests that
hold a SQL rendering of the same rule (agency scope, result precedence) to the kernel:
one table, so that the Python rule and its SQL cannot drift apart unnoticed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bangkom.kernel.calendar import WIB
from bangkom.kernel.jpm import JpmBand
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


@dataclass(frozen=True)
class JpmCase:
    name: str
    standard: dict[str, int]  # required level per competency
    levels: dict[str, int]  # the person's current levels
    jpm: float | None
    band: JpmBand | None
    unknown: int  # competencies of the standard never assessed


B = JpmBand
# Four competencies (sum 10); nine at 3, 3, 3, 3, 3, 3, 2, 2, 2 (sum 24); ten at 5 (sum 50).
FOUR = {"M.01": 3, "M.05": 3, "SK.01": 2, "M.08": 2}
NINE = {f"M.0{i}": 3 for i in range(1, 7)} | {"SK.01": 2, "M.07": 2, "M.08": 2}
TEN_AT_5 = {f"T.{i:02}": 5 for i in range(1, 11)}


def _ten_at_5_meeting(met: int) -> dict[str, int]:
    """Levels of TEN_AT_5 that meet ``met`` of its 50 (each competency assessed)."""
    short = 50 - met
    return {code: 5 - short // 10 - int(i < short % 10) for i, code in enumerate(TEN_AT_5)}


JPM: list[JpmCase] = [
    JpmCase(
        "each level is capped at the required one, never assessed counts 0: 7 of 10",
        FOUR,
        {"M.01": 4, "M.05": 2, "M.08": 2},
        70.0,
        B.KURANG_OPTIMAL,
        1,
    ),
    JpmCase("every level at the standard", NINE, NINE, 100.0, B.OPTIMAL, 0),
    JpmCase(
        "every level above the standard stays at 100",
        {"M.01": 3, "M.05": 3, "SK.01": 2},
        {"M.01": 5, "M.05": 5, "SK.01": 5},
        100.0,
        B.OPTIMAL,
        0,
    ),
    JpmCase(
        "21 of 24 is 87.5",
        NINE,
        NINE | {"SK.01": 1, "M.07": 1, "M.08": 1},
        87.5,
        B.CUKUP_OPTIMAL,
        0,
    ),
    JpmCase(
        "19 of 24 is 79.2 (79.166...)",
        NINE,
        NINE | {"M.01": 1, "M.02": 1, "M.03": 2},
        79.2,
        B.CUKUP_OPTIMAL,
        0,
    ),
    JpmCase(
        "5 of 8 is 62.5, SK.01 never assessed",
        {"M.01": 3, "M.05": 3, "SK.01": 2},
        {"M.01": 4, "M.05": 2},
        62.5,
        B.KURANG_OPTIMAL,
        1,
    ),
    JpmCase("45 of 50: optimal from 90", TEN_AT_5, _ten_at_5_meeting(45), 90.0, B.OPTIMAL, 0),
    JpmCase("44 of 50 is 88", TEN_AT_5, _ten_at_5_meeting(44), 88.0, B.CUKUP_OPTIMAL, 0),
    JpmCase(
        "39 of 50: cukup optimal from 78", TEN_AT_5, _ten_at_5_meeting(39), 78.0, B.CUKUP_OPTIMAL, 0
    ),
    JpmCase("38 of 50 is 76", TEN_AT_5, _ten_at_5_meeting(38), 76.0, B.KURANG_OPTIMAL, 0),
    JpmCase(
        "40 of 44 is 90.9 with a competency never assessed: a lower bound",
        {f"M.0{i}": 5 for i in range(1, 9)} | {"SK.01": 4},
        {f"M.0{i}": 5 for i in range(1, 9)},
        90.9,
        B.OPTIMAL,
        1,
    ),
    JpmCase(
        "levels outside the standard do not count: 2 of 3 is 66.7",
        {"M.01": 3},
        {"M.01": 2, "M.08": 5},
        66.7,
        B.KURANG_OPTIMAL,
        0,
    ),
    JpmCase(
        "nothing assessed is 0",
        {"M.01": 3, "M.05": 2},
        {},
        0.0,
        B.KURANG_OPTIMAL,
        2,
    ),
    JpmCase("no standard, no JPM", {}, {"M.01": 3}, None, None, 0),
]
