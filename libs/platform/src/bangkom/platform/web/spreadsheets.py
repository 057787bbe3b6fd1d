"""Reports HR offices file: one table as a CSV or an XLSX download, headers in Bahasa
Indonesia, written as the rows are read so that a province's roster is never held in
memory. CSV goes out as it is written; XLSX (a zip, whole only at its end) is written
row by row to a temporary file first (openpyxl's write-only mode), then sent.

A service describes its table once (``Table``: a sheet title and a ``Column`` each:
header, width, number format), turns its domain objects into rows, and answers with
``download(...)``; large tables read their rows with ``paged``.
"""

from __future__ import annotations

import asyncio
import csv
import io
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import IO, Any, TypeVar

from fastapi.responses import StreamingResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bangkom.kernel.calendar import WIB
from bangkom.platform.web.attachments import attachment
from bangkom.platform.web.errors import error_responses

ItemT = TypeVar("ItemT")

PAGE_ROWS = 5000  # read from the database at a time, and handed to openpyxl at a time
CHUNK_BYTES = 64 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"

# Number formats a person expects (Excel's codes).
TEXT = "@"
WHOLE = "0"
ONE_DECIMAL = "0.0"
TWO_DECIMALS = "0.00"
DATE_TIME = "dd/mm/yyyy hh:mm"

# A cell starting with one of these is run as a formula by a spreadsheet (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | datetime | None
Row = Sequence[Cell]
ReadPage = Callable[[int, int], Awaitable[Sequence[ItemT]]]  # (offset, limit) -> items


class Format(StrEnum):
    """The download's file type, named by its extension."""

    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    number_format: str = TEXT


# Columns every report about civil servants has, alike in each.
NIP = Column("NIP", 21)
NAME = Column("Nama", 32)
AGENCY = Column("Kode instansi", 18)


@dataclass(frozen=True)
class Table:
    sheet: str  # the worksheet's title (31 characters at most)
    columns: tuple[Column, ...]

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]


def download_responses(*errors: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` of a download route."""
    return {
        200: {
            "content": {CSV: {}, XLSX: {}},
            "description": "CSV (UTF-8 with a byte order mark) or an XLSX workbook, "
            "by the extension asked",
        },
        **error_responses(*errors, 422),
    }


async def download(
    table: Table, file_format: Format, rows: AsyncIterator[Row], filename: str
) -> StreamingResponse:
    """The response sending ``rows`` as ``filename``.``file_format``. Whatever may refuse
    the request is to be read before (``paged`` reads the first page at once): once the
    CSV starts, its status is sent."""
    headers = attachment(f"{filename}.{file_format}")
    if file_format is Format.CSV:
        return StreamingResponse(csv_chunks(table, rows), media_type=CSV, headers=headers)
    file = await xlsx_file(table, rows)
    return StreamingResponse(file_chunks(file), media_type=XLSX, headers=headers)


async def paged(read: ReadPage[ItemT], page_rows: int | None = None) -> AsyncIterator[ItemT]:
    """Every item ``read`` gives, a page at a time. The first page is read now, so that a
    refusal (out of scope) is still an error response; the others as they are wanted."""
    size = page_rows or PAGE_ROWS
    first = await read(0, size)
    return _pages_from(first, read, size)


async def _pages_from(
    first: Sequence[ItemT], read: ReadPage[ItemT], size: int
) -> AsyncIterator[ItemT]:
    page, offset = first, 0
    while page:
        for item in page:
            yield item
        if len(page) < size:
            return
        offset += size
        page = await read(offset, size)


async def listed(rows: Iterable[Row]) -> AsyncIterator[Row]:
    """A short table already in memory, as the writers take it."""
    for row in rows:
        yield row


def _safe(value: Cell) -> Cell:
    """Text a spreadsheet would run as a formula is quoted; a time is shown in WIB."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return f"'{value}"
    if isinstance(value, datetime) and value.tzinfo is not None:
        # Excel has no time zones: the time an Indonesian office reads, WIB.
        return value.astimezone(WIB).replace(tzinfo=None)
    return value


def _csv_text(value: Cell) -> str | int | float:
    value = _safe(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value


async def csv_chunks(table: Table, rows: AsyncIterator[Row]) -> AsyncIterator[bytes]:
    """UTF-8 with a byte order mark (so Excel reads the names right), a row at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.headers)
    yield ("\ufeff" + buffer.getvalue()).encode()
    async for values in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_csv_text(v) for v in values])
        yield buffer.getvalue().encode()


def _sheet(workbook: Workbook, table: Table) -> WriteOnlyWorksheet:
    sheet = workbook.create_sheet(table.sheet)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    header = []
    for title in table.headers:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    return sheet


def _append(sheet: WriteOnlyWorksheet, table: Table, batch: list[Row]) -> None:
    for values in batch:
        cells = []
        for value, column in zip(values, table.columns, strict=True):
            cell = WriteOnlyCell(sheet, value=_safe(value))
            cell.number_format = column.number_format
            cells.append(cell)
        sheet.append(cells)


async def xlsx_file(table: Table, rows: AsyncIterator[Row]) -> IO[bytes]:
    """The workbook in a temporary file, rewound; openpyxl's work runs off the event loop."""
    workbook = Workbook(write_only=True)
    sheet = _sheet(workbook, table)
    batch: list[Row] = []
    async for values in rows:
        batch.append(values)
        if len(batch) == PAGE_ROWS:
            await asyncio.to_thread(_append, sheet, table, batch)
            batch = []
    await asyncio.to_thread(_append, sheet, table, batch)
    file = tempfile.TemporaryFile()  # noqa: SIM115 -- closed by file_chunks
    await asyncio.to_thread(workbook.save, file)
    file.seek(0)
    return file


def file_chunks(file: IO[bytes]) -> Iterator[bytes]:
    with file:
        while chunk := file.read(CHUNK_BYTES):
            yield chunk
