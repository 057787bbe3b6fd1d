"""Rows of a ratings file: CSV (comma or semicolon, UTF-8) or XLSX, with a header row
naming the columns nip, year (or tahun) and predicate (or predikat)."""

from __future__ import annotations

import csv
import io
from typing import Any

from bangkom.career.handlers.commands import RatingRow
from bangkom.platform.errors import InvalidInput

# A spreadsheet keeps 15 significant digits of a number: an 18-digit NIP typed as a
# number is already wrong in the file, so the row is refused rather than guessed.
NUMBER_NIP = "nip is a number cell: an 18-digit NIP must be stored as text"
COLUMNS = {
    "nip": "nip",
    "year": "year",
    "tahun": "year",
    "predicate": "predicate",
    "predikat": "predicate",
}


def rating_rows(filename: str, content: bytes) -> tuple[RatingRow, ...]:
    if filename.lower().endswith(".xlsx"):
        table = _xlsx(content)
    elif filename.lower().endswith(".csv"):
        table = _csv(content)
    else:
        raise InvalidInput(f"{filename!r}: expected a .csv or .xlsx file", field="file")
    if not table:
        raise InvalidInput("the file is empty", field="file")
    header = [COLUMNS.get(str(cell).strip().lower()) for cell in table[0]]
    missing = {"nip", "year", "predicate"} - {h for h in header if h}
    if missing:
        raise InvalidInput(f"missing column(s): {', '.join(sorted(missing))}", field="file")
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        found = {h: c for h, c in zip(header, cells, strict=False) if h}
        values = {h: _text(c) for h, c in found.items()}
        if not any(values.values()):
            continue
        rows.append(
            RatingRow(
                row=number,
                nip=values.get("nip", ""),
                year=values.get("year", ""),
                predicate=values.get("predicate", ""),
                problem=NUMBER_NIP if isinstance(found.get("nip"), int | float) else None,
            )
        )
    return tuple(rows)


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"not UTF-8 text: {exc}", field="file") from exc
    delimiter = (
        ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    )
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx(content: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook  # heavy import, only for spreadsheets

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InvalidInput(f"not a readable .xlsx workbook: {exc}", field="file") from exc
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]
