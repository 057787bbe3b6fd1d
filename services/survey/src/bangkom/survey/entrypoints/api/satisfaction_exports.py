"""An SKM period's report as units file it (PermenPANRB 14/2017), headers in Bahasa
Indonesia: a summary (IKM, converted, grade), NRR per element, per group of
respondents, the unit's periods, and the public's suggestions. CSV gives one table,
XLSX all of them, a sheet each."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from enum import StrEnum

from openpyxl import Workbook
from openpyxl.styles import Font

from bangkom.survey.domain.satisfaction import (
    ELEMENT_NAMES,
    GRADE_NAMES,
    Element,
    SatisfactionScore,
    required_sample,
)
from bangkom.survey.domain.satisfaction_report import CHARACTERISTICS
from bangkom.survey.entrypoints.api.exports import Cell, spreadsheet_safe
from bangkom.survey.handlers.queries import SatisfactionReport


class Table(StrEnum):
    SUMMARY = "summary"
    ELEMENTS = "elements"
    GROUPS = "groups"
    PERIODS = "periods"
    SUGGESTIONS = "suggestions"


SHEETS = {
    Table.SUMMARY: "Ringkasan",
    Table.ELEMENTS: "Nilai per unsur",
    Table.GROUPS: "Per kelompok responden",
    Table.PERIODS: "Per periode",
    Table.SUGGESTIONS: "Saran dan masukan",
}
# U1-U9: the regulation's own short names of the elements, in its order.
ELEMENT_COLUMNS = [f"NRR U{n} {ELEMENT_NAMES[e]}" for n, e in enumerate(Element, start=1)]
Rows = list[list[Cell]]


def _nrr(scored: SatisfactionScore) -> list[Cell]:
    if not scored.respondents:
        return [""] * len(Element)
    return [round(float(e.nrr), 3) for e in scored.elements]


def _ikm(scored: SatisfactionScore) -> list[Cell]:
    if not scored.respondents:
        return ["", ""]
    return [
        round(float(scored.converted), 2),
        f"{scored.grade.value} ({GRADE_NAMES[scored.grade]})",
    ]


def summary(report: SatisfactionReport) -> tuple[list[str], Rows]:
    period, scored = report.current.period, report.current.score
    rows: Rows = [
        ["Unit layanan", period.unit_code],
        ["Periode", period.label],
        ["Status", "ditutup" if period.closed_at else "dibuka"],
        ["Jumlah responden", scored.respondents],
        ["Populasi", period.population],
        ["Sampel minimal (Krejcie dan Morgan)", required_sample(period.population)],
        ["Catatan sampel", report.current.warning or "Sampel memadai"],
    ]
    if scored.respondents:
        rows += [
            ["IKM (1-4)", round(float(scored.ikm), 4)],
            ["IKM konversi (25-100)", round(float(scored.converted), 2)],
            ["Mutu pelayanan", scored.grade.value],
            ["Kinerja unit pelayanan", GRADE_NAMES[scored.grade]],
        ]
    return ["Keterangan", "Nilai"], rows


def elements(report: SatisfactionReport) -> tuple[list[str], Rows]:
    headers = ["No", "Unsur pelayanan", "Jumlah nilai", "Jumlah responden", "NRR"]
    headers.append("NRR tertimbang")
    rows: Rows = [
        [
            number,
            ELEMENT_NAMES[e.element],
            e.total,
            e.answers,
            round(float(e.nrr), 3) if e.answers else "",
            round(float(e.weighted), 3) if e.answers else "",
        ]
        for number, e in enumerate(report.current.score.elements, start=1)
    ]
    return headers, rows


def groups(report: SatisfactionReport) -> tuple[list[str], Rows]:
    headers = ["Karakteristik", "Kelompok", "Jumlah responden", "Persentase"]
    headers += ["IKM konversi", "Mutu pelayanan", *ELEMENT_COLUMNS]
    rows: Rows = [
        [
            CHARACTERISTICS[g.characteristic],
            g.group,
            g.score.respondents,
            round(float(g.share) * 100, 2),
            *_ikm(g.score),
            *_nrr(g.score),
        ]
        for g in report.groups
    ]
    return headers, rows


def periods(report: SatisfactionReport) -> tuple[list[str], Rows]:
    headers = ["Periode", "Status", "Ditutup", "Jumlah responden", "IKM konversi"]
    headers += ["Mutu pelayanan", *ELEMENT_COLUMNS]
    rows: Rows = [
        [
            p.period.label,
            "ditutup" if p.period.closed_at else "dibuka",
            p.period.closed_at.date().isoformat() if p.period.closed_at else "",
            p.score.respondents,
            *_ikm(p.score),
            *_nrr(p.score),
        ]
        for p in report.periods
    ]
    return headers, rows


def suggestions(report: SatisfactionReport) -> tuple[list[str], Rows]:
    rows: Rows = [
        [a.submitted_at.date().isoformat(), a.respondent.get("service_used", ""), a.suggestion]
        for a in report.answers
        if a.suggestion.strip()
    ]
    return ["Tanggal", "Jenis layanan", "Saran dan masukan"], rows


TABLES: dict[Table, Callable[[SatisfactionReport], tuple[list[str], Rows]]] = {
    Table.SUMMARY: summary,
    Table.ELEMENTS: elements,
    Table.GROUPS: groups,
    Table.PERIODS: periods,
    Table.SUGGESTIONS: suggestions,
}


def to_csv(report: SatisfactionReport, table: Table) -> str:
    headers, rows = TABLES[table](report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([spreadsheet_safe(c) for c in row] for row in rows)
    return buffer.getvalue()


def to_xlsx(report: SatisfactionReport) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table, make in TABLES.items():
        headers, rows = make(report)
        sheet = workbook.create_sheet(SHEETS[table])
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([spreadsheet_safe(c) for c in row])
        sheet.freeze_panes = "A2"
        for column, header in zip(sheet.columns, headers, strict=True):
            width = min(60, max(12, len(header) + 2))
            sheet.column_dimensions[column[0].column_letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
