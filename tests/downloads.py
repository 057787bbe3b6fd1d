"""Reading the reports the services send (CSV and XLSX downloads) back into tables."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
from openpyxl import load_workbook


def workbook_of(response: httpx.Response) -> tuple[Any, list[list[Any]]]:
    """The first sheet of an XLSX download (for its formats) and its cells, row by row."""
    assert response.status_code == 200, response.text
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    return sheet, [list(r) for r in sheet.iter_rows(values_only=True)]


def csv_of(response: httpx.Response) -> list[list[str]]:
    """The rows of a CSV download (UTF-8 with a byte order mark)."""
    assert response.status_code == 200, response.text
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
