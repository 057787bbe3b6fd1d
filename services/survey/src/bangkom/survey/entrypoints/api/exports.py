"""The aggregated needs as a table: CSV and XLSX, with headers in Bahasa Indonesia
(or English)."""

from __future__ import annotations

import csv
import io
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Font

from bangkom.survey.handlers.queries import SurveyNeeds

Language = Literal["id", "en"]
HEADERS: dict[Language, list[str]] = {
    "id": [
        "Survei",
        "Periode",
        "Instansi",
        "Jumlah pegawai",
        "Responden instansi",
        "Peringkat",
        "Kode kompetensi",
        "Kompetensi",
        "Responden",
        "Responden dengan kesenjangan",
        "Rata-rata kepentingan",
        "Rata-rata kesenjangan",
        "Proporsi dengan kesenjangan",
        "Skor prioritas",
        "Moda belajar pilihan",
    ],
    "en": [
        "Survey",
        "Period",
        "Agency",
        "Headcount",
        "Agency respondents",
        "Rank",
        "Competency code",
        "Competency",
        "Respondents",
        "Respondents with a gap",
        "Mean importance",
        "Mean gap",
        "Share with a gap",
        "Priority score",
        "Preferred learning mode",
    ],
}
Cell = str | int | float
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def rows(found: SurveyNeeds) -> list[list[Cell]]:
    """One row per agency x competency, by agency then rank."""
    table: list[list[Cell]] = []
    for agency, _ in found.agencies:
        for need in agency.needs:
            table.append(
                [
                    found.survey.id,
                    found.survey.period,
                    agency.agency_code,
                    agency.headcount,
                    agency.respondents,
                    need.rank,
                    need.competency_code,
                    need.competency_name,
                    need.respondents,
                    need.respondents_with_gap,
                    need.mean_importance,
                    need.mean_gap,
                    need.share_with_gap,
                    need.priority,
                    need.preferred_learning_mode or "",
                ]
            )
    return table


def spreadsheet_safe(cell: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula is quoted (CSV injection)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return f"'{cell}"
    return cell


def to_csv(found: SurveyNeeds, language: Language) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS[language])
    writer.writerows([spreadsheet_safe(c) for c in row] for row in rows(found))
    return buffer.getvalue()


def to_xlsx(found: SurveyNeeds, language: Language) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kebutuhan" if language == "id" else "Needs"
    sheet.append(HEADERS[language])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(found):
        sheet.append([spreadsheet_safe(c) for c in row])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for column, header in zip(sheet.columns, HEADERS[language], strict=True):
        sheet.column_dimensions[column[0].column_letter].width = max(12, len(header) + 2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
