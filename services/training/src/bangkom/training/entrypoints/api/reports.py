"""Reports HR offices file: each employee's JP of a year against the 20 JP target, as
CSV or XLSX with headers in Bahasa Indonesia. Both are written page by page as the rows
are read, so a province's roster is never held in memory: CSV goes out as it is
written; XLSX (a zip, whole only at its end) is written row by row to a temporary file
first (openpyxl's write-only mode)."""

from __future__ import annotations

import asyncio
import csv
import io
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bangkom.kernel.jp import TARGET_JP
from bangkom.training.domain.ledger import EmployeeCompliance

PAGE_ROWS = 5000
CHUNK_BYTES = 64 * 1024
# (header, column width, number format)
COLUMNS = [
    ("NIP", 21, "@"),
    ("Nama", 32, "@"),
    ("Kode instansi", 18, "@"),
    ("Tahun", 8, "0"),
    ("JP tercapai", 12, "0"),
    ("Target JP", 11, "0"),
    ("Kekurangan JP", 15, "0"),
    ("Memenuhi 20 JP", 16, "@"),
]
HEADERS = [header for header, _, _ in COLUMNS]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int
Pages = Callable[[int], Awaitable[list[EmployeeCompliance]]]  # offset -> up to PAGE_ROWS


def row(found: EmployeeCompliance) -> list[Cell]:
    return [
        found.nip,
        _safe(found.name),
        found.agency_code,
        found.year,
        found.jp,
        TARGET_JP,
        found.missing_jp,
        "Ya" if found.missing_jp == 0 else "Tidak",
    ]


def _safe(text: str) -> str:
    """Text that a spreadsheet would run as a formula is quoted (CSV injection)."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


async def rows_of(first: list[EmployeeCompliance], pages: Pages) -> AsyncIterator[list[Cell]]:
    """The rows of ``first`` (read before answering, so a refusal is still an error
    response) and of every page after it."""
    page, offset = first, 0
    while page:
        for found in page:
            yield row(found)
        if len(page) < PAGE_ROWS:
            return
        offset += PAGE_ROWS
        page = await pages(offset)


async def csv_chunks(rows: AsyncIterator[list[Cell]]) -> AsyncIterator[bytes]:
    """UTF-8 with a byte order mark (so Excel reads the names right), a page at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    yield ("\ufeff" + buffer.getvalue()).encode()
    async for values in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        yield buffer.getvalue().encode()


def _sheet(workbook: Workbook) -> WriteOnlyWorksheet:
    sheet = workbook.create_sheet("Kepatuhan 20 JP")
    sheet.freeze_panes = "A2"
    for index, (_, width, _) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    header = []
    for title in HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    return sheet


def _append(sheet: WriteOnlyWorksheet, batch: list[list[Cell]]) -> None:
    for values in batch:
        cells = []
        for value, (_, _, number_format) in zip(values, COLUMNS, strict=True):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = number_format
            cells.append(cell)
        sheet.append(cells)


async def xlsx_file(rows: AsyncIterator[list[Cell]]) -> IO[bytes]:
    """The workbook in a temporary file, rewound; openpyxl's work runs off the event loop."""
    workbook = Workbook(write_only=True)
    sheet = _sheet(workbook)
    batch: list[list[Cell]] = []
    async for values in rows:
        batch.append(values)
        if len(batch) == PAGE_ROWS:
            await asyncio.to_thread(_append, sheet, batch)
            batch = []
    await asyncio.to_thread(_append, sheet, batch)
    file = tempfile.TemporaryFile()  # noqa: SIM115 -- closed by file_chunks
    await asyncio.to_thread(workbook.save, file)
    file.seek(0)
    return file


def file_chunks(file: IO[bytes]) -> Iterator[bytes]:
    with file:
        while chunk := file.read(CHUNK_BYTES):
            yield chunk
