"""The platform's spreadsheet writer on its own: every text cell that a spreadsheet would
run is quoted, times are shown in WIB, empty cells stay empty, the pages are read as the
rows are wanted, and a workbook has its widths, formats and frozen header."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime

from openpyxl import load_workbook

from bangkom.platform.web import spreadsheets
from bangkom.platform.web.spreadsheets import DATE_TIME, ONE_DECIMAL, Column, Row, Table

TABLE = Table(
    sheet="Uji",
    columns=(
        Column("Kode", 12),
        Column("Catatan", 30),
        Column("Nilai", 8, ONE_DECIMAL),
        Column("Waktu", 17, DATE_TIME),
    ),
)
ROWS: list[Row] = [
    ["=SUM(A1)", "+62 812", 81.5, datetime(2027, 2, 14, 5, 0, tzinfo=UTC)],
    ["A-1", "@user", None, None],
]


async def _csv_text() -> list[list[str]]:
    chunks = [c async for c in spreadsheets.csv_chunks(TABLE, spreadsheets.listed(ROWS))]
    return list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))


async def test_the_csv_quotes_every_formula_like_text_and_shows_times_in_wib() -> None:
    table = await _csv_text()

    assert table == [
        ["Kode", "Catatan", "Nilai", "Waktu"],
        ["'=SUM(A1)", "'+62 812", "81.5", "2027-02-14 12:00"],
        ["A-1", "'@user", "", ""],
    ]


async def test_the_workbook_has_the_same_cells_its_formats_and_a_frozen_header() -> None:
    file = await spreadsheets.xlsx_file(TABLE, spreadsheets.listed(ROWS))
    content = b"".join(spreadsheets.file_chunks(file))

    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["Kode", "Catatan", "Nilai", "Waktu"],
        ["'=SUM(A1)", "'+62 812", 81.5, datetime(2027, 2, 14, 12, 0)],
        ["A-1", "'@user", None, None],
    ]
    assert sheet.title == "Uji"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert (sheet["C2"].number_format, sheet["D2"].number_format) == ("0.0", DATE_TIME)
    assert sheet.column_dimensions["D"].width == 17
    assert file.closed


async def test_pages_are_read_as_the_rows_are_wanted_and_the_last_short_one_ends_it() -> None:
    asked: list[tuple[int, int]] = []

    async def read(offset: int, limit: int) -> list[int]:
        asked.append((offset, limit))
        return list(range(offset, min(offset + limit, 5)))

    items: AsyncIterator[int] = await spreadsheets.paged(read, page_rows=2)
    assert asked == [(0, 2)], "the first page is read before anything is sent"

    assert [i async for i in items] == [0, 1, 2, 3, 4]
    assert asked == [(0, 2), (2, 2), (4, 2)]
