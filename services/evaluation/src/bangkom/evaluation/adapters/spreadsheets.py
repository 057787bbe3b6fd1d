"""Stream rows out of CSV and XLSX files without loading the file into memory."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bangkom.evaluation.domain.imports import InvalidFile, RowError, check_filename

Row = tuple[int, dict[str, str] | RowError]
NIP_COLUMNS = {"nip", "supervisor_nip"}


class SpreadsheetFiles:
    """The SpreadsheetReader the service uses."""

    def header(self, path: Path, filename: str) -> list[str]:
        return read_header(path, filename)

    def rows(self, path: Path, filename: str) -> Iterator[Row]:
        return iter_rows(path, filename)


def read_header(path: Path, filename: str) -> list[str]:
    """The column names of the first row."""
    _, header = next(_rows(path, filename, header_only=True), (1, {}))
    return list(header) if isinstance(header, dict) else []


def iter_rows(path: Path, filename: str) -> Iterator[Row]:
    """The data rows (from row 2), with the row number a spreadsheet shows."""
    return _rows(path, filename, header_only=False)


def _rows(path: Path, filename: str, *, header_only: bool) -> Iterator[Row]:
    if check_filename(filename) == ".csv":
        return _csv_rows(path, header_only)
    return _xlsx_rows(path, header_only)


def _column(name: object) -> str:
    return str(name or "").strip().lower().replace(" ", "_")


def _csv_rows(path: Path, header_only: bool) -> Iterator[Row]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        try:
            first = handle.readline()
        except UnicodeDecodeError as exc:
            raise InvalidFile("berkas CSV harus berupa teks UTF-8") from exc
        # Spreadsheets set to the Indonesian locale write ';' between fields.
        delimiter = max((",", ";", "\t"), key=first.count)
        header = [_column(name) for name in next(csv.reader([first], delimiter=delimiter), [])]
        if header_only:
            yield 1, dict.fromkeys(header, "")
            return
        try:
            for number, cells in enumerate(csv.reader(handle, delimiter=delimiter), start=2):
                if "".join(cells).strip():  # not a blank line
                    yield number, dict(zip(header, cells, strict=False))
        except UnicodeDecodeError as exc:
            raise InvalidFile("berkas CSV harus berupa teks UTF-8") from exc


class NumberCell(ValueError):
    def __init__(self, column: str) -> None:
        super().__init__(
            f"{column} tersimpan sebagai angka: lembar kerja hanya menyimpan 15 angka "
            "penting, jadi NIP 18 angka harus disimpan sebagai teks"
        )
        self.column = column


def _cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        if column in NIP_COLUMNS:
            raise NumberCell(column)
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _xlsx_rows(path: Path, header_only: bool) -> Iterator[Row]:
    from openpyxl import load_workbook  # heavy import, only for spreadsheets

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InvalidFile(f"buku kerja .xlsx tidak dapat dibaca: {exc}") from exc
    try:
        values = workbook.worksheets[0].iter_rows(values_only=True)
        header = [_column(name) for name in next(values, ())]
        if header_only:
            yield 1, dict.fromkeys(header, "")
            return
        for number, cells in enumerate(values, start=2):
            if all(cell is None or str(cell).strip() == "" for cell in cells):
                continue
            try:
                yield (
                    number,
                    {
                        column: _cell(column, cell)
                        for column, cell in zip(header, cells, strict=False)
                    },
                )
            except NumberCell as exc:
                yield number, RowError(number, exc.column, "nip_number_cell", str(exc))
    finally:
        workbook.close()
