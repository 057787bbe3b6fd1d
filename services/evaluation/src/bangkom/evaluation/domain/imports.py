"""Spreadsheet imports for HR offices: which columns a file needs, how each cell is
checked, and the row-by-row report.

Row numbers are those a person sees in the spreadsheet: the header is row 1. Each
refused row says why in Bahasa Indonesia, with a stable code for programs (``empty``,
``nip_birth_date``, ``invalid_level``, ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from bangkom.evaluation.domain.competency import InvalidCompetency, check_competency_code
from bangkom.kernel.calendar import WIB
from bangkom.kernel.levels import LEVELS, MAX_LEVEL, MIN_LEVEL
from bangkom.kernel.nip import InvalidNip, parse_nip
from bangkom.kernel.precedence import AssessmentMethod


class ImportKind(StrEnum):
    ROSTER = "roster"
    RESULTS = "results"


class ImportStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    INTERRUPTED = "interrupted"


REQUIRED_COLUMNS: Mapping[ImportKind, tuple[str, ...]] = {
    ImportKind.ROSTER: ("nip", "name", "agency_code", "position_code"),
    ImportKind.RESULTS: ("nip", "competency_code", "level", "method", "evaluated_at"),
}
OPTIONAL_COLUMNS: Mapping[ImportKind, tuple[str, ...]] = {
    ImportKind.ROSTER: ("supervisor_nip", "active"),
    ImportKind.RESULTS: ("assessor", "evidence"),
}
LEVEL_CELLS = frozenset(str(level) for level in LEVELS)  # "1" ... "5", nothing else
TRUE_WORDS = {"1", "true", "ya", "y", "aktif", "yes"}
FALSE_WORDS = {"0", "false", "tidak", "t", "n", "nonaktif", "no"}


class InvalidFile(ValueError):
    """The file as a whole cannot be imported (wrong columns, unreadable)."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str | None
    code: str
    reason: str


class RowRejected(Exception):
    def __init__(self, column: str | None, code: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.code = code
        self.reason = reason


class ResultRow(NamedTuple):  # a tuple: a million of them are made in a large import
    row: int
    nip: str
    competency_code: str
    level: int
    method: AssessmentMethod
    evaluated_at: datetime
    assessor: str | None
    evidence: str | None


@dataclass(frozen=True)
class RosterRow:
    row: int
    nip: str
    name: str
    agency_code: str
    position_code: str
    supervisor_nip: str | None
    active: bool


@dataclass
class ImportTally:
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)

    def reject(self, error: RowError) -> None:
        self.rejected += 1
        self.errors.append(error)


# Rows per transaction: a million rows took 29.3 s in batches of 10,000, 31.5 s in
# batches of 5,000 (more commits and lookups); progress still moves several times a second.
IMPORT_BATCH_SIZE = 10_000

FILE_SUFFIXES = (".csv", ".xlsx")


def check_filename(filename: str) -> str:
    """The file's lower-case suffix, when it is one we read."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix not in FILE_SUFFIXES:
        raise InvalidFile(f"berkas {filename!r} harus .csv atau .xlsx")
    return suffix


def check_header(kind: ImportKind, columns: list[str]) -> None:
    missing = [c for c in REQUIRED_COLUMNS[kind] if c not in columns]
    if missing:
        raise InvalidFile(
            f"baris pertama harus berisi nama kolom; tidak ada: {', '.join(missing)} "
            f"(wajib: {', '.join(REQUIRED_COLUMNS[kind])}; "
            f"pilihan: {', '.join(OPTIONAL_COLUMNS[kind])})"
        )


def _text(values: Mapping[str, str], column: str, *, required: bool = True) -> str | None:
    cell = values.get(column)
    return _required(cell, column) if required else _optional(cell)


def _required(cell: str | None, column: str) -> str:
    value = (cell or "").strip()
    if not value:
        raise RowRejected(column, "empty", f"{column} kosong")
    return value


def _optional(cell: str | None) -> str | None:
    return (cell or "").strip() or None


def _nip(cell: str | None, column: str, today: date, required: bool = True) -> str | None:
    value = _required(cell, column) if required else _optional(cell)
    if value is None:
        return None
    try:
        return _valid_nip(value, today)
    except InvalidNip as exc:
        raise RowRejected(column, exc.problem, str(exc)) from None


@lru_cache(maxsize=65_536)
def _valid_nip(value: str, today: date) -> str:
    return parse_nip(value, today=today).value


def _moment(value: str) -> datetime:
    """ISO date or date-time; a date alone or a time without offset is read as WIB."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value), time())
        except ValueError:
            raise RowRejected(
                "evaluated_at",
                "invalid_date",
                f"evaluated_at {value!r} bukan tanggal seperti 2026-11-20",
            ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=WIB)


# A results file repeats each NIP, code, level, method and date on many rows: each cell
# is checked from its raw text once (the caches), which is most of the work of a row.


@lru_cache(maxsize=1_024)
def _competency(cell: str | None) -> str:
    code = _required(cell, "competency_code")
    try:
        return check_competency_code(code)
    except InvalidCompetency as exc:
        raise RowRejected("competency_code", "invalid_competency", str(exc)) from None


@lru_cache(maxsize=64)
def _level(cell: str | None) -> int:
    text = _required(cell, "level")
    if text not in LEVEL_CELLS:
        raise RowRejected(
            "level", "invalid_level", f"level {text!r} harus bilangan bulat {MIN_LEVEL}-{MAX_LEVEL}"
        )
    return int(text)


@lru_cache(maxsize=64)
def _method(cell: str | None) -> AssessmentMethod:
    text = _required(cell, "method")
    try:
        return AssessmentMethod(text)
    except ValueError:
        allowed = ", ".join(m.value for m in AssessmentMethod)
        raise RowRejected(
            "method", "invalid_method", f"metode {text!r} bukan salah satu dari {allowed}"
        ) from None


@lru_cache(maxsize=4_096)
def _evaluated_at(cell: str | None, now: datetime) -> datetime:
    evaluated_at = _moment(_required(cell, "evaluated_at"))
    if evaluated_at > now:
        raise RowRejected(
            "evaluated_at",
            "date_in_future",
            f"evaluated_at {evaluated_at.isoformat()} belum tiba",
        )
    if evaluated_at.year < 1970:
        raise RowRejected(
            "evaluated_at",
            "date_implausible",
            f"evaluated_at {evaluated_at.date()} terlalu lama untuk masuk akal (sebelum 1970)",
        )
    return evaluated_at


def result_row(row: int, values: Mapping[str, str], *, now: datetime) -> ResultRow:
    """Check one row of an assessment-results file (existence of the employee aside)."""
    cell = values.get
    return ResultRow(
        row,
        _nip(cell("nip"), "nip", now.date()) or "",
        _competency(cell("competency_code")),
        _level(cell("level")),
        _method(cell("method")),
        _evaluated_at(cell("evaluated_at"), now),
        _optional(cell("assessor")),
        _optional(cell("evidence")),
    )


def roster_row(row: int, values: Mapping[str, str], *, today: date) -> RosterRow:
    """Check one row of a roster file (agency, position and scope aside)."""
    nip = _nip(values.get("nip"), "nip", today) or ""
    supervisor = _nip(values.get("supervisor_nip"), "supervisor_nip", today, required=False)
    if supervisor == nip:
        raise RowRejected(
            "supervisor_nip", "own_supervisor", "pegawai tidak dapat menjadi atasan dirinya sendiri"
        )
    active_text = (_text(values, "active", required=False) or "1").lower()
    if active_text not in TRUE_WORDS | FALSE_WORDS:
        raise RowRejected(
            "active", "invalid_active", f"active {active_text!r} harus ya/tidak (atau 1/0)"
        )
    return RosterRow(
        row=row,
        nip=nip,
        name=_text(values, "name") or "",
        agency_code=_text(values, "agency_code") or "",
        position_code=_text(values, "position_code") or "",
        supervisor_nip=supervisor,
        active=active_text in TRUE_WORDS,
    )
