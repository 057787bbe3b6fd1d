"""The reports HR offices file from recommendation, on the analytics world (PostgreSQL and
SQLite): the gap heatmap and the proposals as XLSX and CSV open with openpyxl and csv,
hold the figures the JSON API gives for the same data, and are scoped and refused
exactly like it."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import pytest

from bangkom.platform.auth import Role
from bangkom.platform.web import spreadsheets
from tests.downloads import csv_of, workbook_of
from tests.integration.recommendation.analytics_world import (
    BKPSDM,
    DINKES,
    DISDIK,
    P2P,
    Analytics,
)

pytestmark = [pytest.mark.postgres]

HEATMAP_HEADERS = [
    "Kode instansi",
    "Kode kompetensi",
    "Kompetensi",
    "Jumlah pegawai",
    "Memenuhi standar",
    "Belum memenuhi",
    "Belum dinilai",
    "Rata-rata kesenjangan",
    "% memenuhi standar",
]
STATUS = {
    "proposed": "Diusulkan",
    "accepted": "Diterima",
    "rejected": "Ditolak",
    "enrolled": "Terdaftar",
    "fulfilled": "Terpenuhi",
    "expired": "Kedaluwarsa",
}


def _heatmap_rows(body: dict[str, Any]) -> list[list[Any]]:
    """The rows the heatmap JSON says the report holds: per agency its total, then a row
    per competency."""
    rows = []
    for agency in body["agencies"]:
        total = agency["total"]
        rows.append(
            [agency["agency_code"], None, "Semua kompetensi", agency["employees"]]
            + [total[k] for k in ("met", "open", "unknown", "mean_gap", "percent_meeting")]
        )
        rows += [
            [agency["agency_code"], c["competency_code"], c["competency_name"], c["employees"]]
            + [c[k] for k in ("met", "open", "unknown", "mean_gap", "percent_meeting")]
            for c in agency["competencies"]
        ]
    return rows


async def test_the_heatmap_workbook_holds_the_apis_figures(analytics: Analytics) -> None:
    for params in ({}, {"depth": 2}, {"agency_code": DISDIK, "on": "2024-03-31"}):
        body = await analytics.get("/analytics/heatmap", analytics.admin, **params)
        response = await analytics.http.get(
            "/analytics/heatmap.xlsx", headers=analytics.admin, params=params
        )

        sheet, table = workbook_of(response)
        assert table[0] == HEATMAP_HEADERS
        assert table[1:] == _heatmap_rows(body)
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["C"].width == 36
    assert (sheet["H2"].number_format, sheet["I2"].number_format) == ("0.00", "0.0")
    assert response.headers["content-type"] == spreadsheets.XLSX
    disposition = response.headers["content-disposition"]
    assert 'filename="peta-kesenjangan-12.73.DISDIK-2024-03-31.xlsx"' in disposition


async def test_the_heatmap_csv_has_the_same_rows(analytics: Analytics) -> None:
    body = await analytics.get("/analytics/heatmap", analytics.admin)

    table = csv_of(await analytics.http.get("/analytics/heatmap.csv", headers=analytics.admin))

    def text(value: Any) -> str:
        return "" if value is None else str(value)

    assert table[0] == HEATMAP_HEADERS
    assert table[1:] == [[text(v) for v in row] for row in _heatmap_rows(body)]


async def test_the_heatmap_download_is_scoped_and_refused_like_the_api(
    analytics: Analytics,
) -> None:
    dinkes = analytics.operator(DINKES)
    employee = analytics.auth(Role.EMPLOYEE, nip=analytics.people.a1)
    own = await analytics.get("/analytics/heatmap", dinkes)

    _, table = workbook_of(await analytics.http.get("/analytics/heatmap.xlsx", headers=dinkes))
    other = await analytics.http.get(
        "/analytics/heatmap.csv", headers=dinkes, params={"agency_code": BKPSDM}
    )
    refused = await analytics.http.get("/analytics/heatmap.xlsx", headers=employee)

    assert table[1:] == _heatmap_rows(own)
    assert {row[0] for row in table[1:]} == {DINKES, P2P}
    assert (other.status_code, other.json()["code"]) == (404, "not_found")
    await analytics.get("/analytics/heatmap", dinkes, status=404, agency_code=BKPSDM)
    assert refused.status_code == 403
    await analytics.get("/analytics/heatmap", employee, status=403)


async def _api_proposals(analytics: Analytics, headers: dict[str, str], **params: Any) -> list[Any]:
    body = await analytics.get("/proposals", headers, limit=500, **params)
    assert body["next_offset"] is None
    return [
        [
            p["id"],
            p["nip"],
            p["agency_code"],
            p["competency_code"],
            p["course_code"],
            p["current_level"],
            p["required_level"],
            p["jp"],
            p["score"],
            STATUS[p["status"]],
            "; ".join(p["reasons"]),
            p["status_reason"],
            p["decided_by"],
        ]
        for p in body["items"]
    ]


async def test_the_proposals_workbook_holds_every_proposal_the_api_lists(
    analytics: Analytics, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheets, "PAGE_ROWS", 2)  # read a page of two at a time
    api = await _api_proposals(analytics, analytics.admin)

    sheet, table = workbook_of(await analytics.http.get("/proposals.xlsx", headers=analytics.admin))

    assert len(api) > 2
    assert table[0][:3] == ["ID usulan", "NIP", "Kode instansi"]
    assert [row[:13] for row in table[1:]] == api
    assert all(row[13] is not None and row[14] is not None for row in table[1:])
    assert sheet["N2"].number_format == "dd/mm/yyyy hh:mm"
    assert sheet["I2"].number_format == "0.00"


async def test_the_proposals_download_shows_an_operator_only_their_agencies(
    analytics: Analytics, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheets, "PAGE_ROWS", 2)
    bkpsdm = analytics.operator(BKPSDM)

    def comparable(row: list[str]) -> list[Any]:
        return [*row[:5], *(int(v) for v in row[5:8]), float(row[8]), *row[9:11]]

    own = csv_of(await analytics.http.get("/proposals.csv", headers=bkpsdm))
    asked_for_another = csv_of(
        await analytics.http.get("/proposals.csv", headers=bkpsdm, params={"agency_code": DINKES})
    )

    api = await _api_proposals(analytics, bkpsdm)
    assert api, "the operator has proposals of their own"
    assert [comparable(row) for row in own[1:]] == [row[:11] for row in api]
    assert {row[2] for row in own[1:]} == {BKPSDM}
    # The API lists nothing of another agency for them, and the report holds nothing.
    assert await _api_proposals(analytics, bkpsdm, agency_code=DINKES) == []
    assert asked_for_another == [own[0]]


async def test_a_download_of_an_unknown_kind_is_a_422_naming_it(analytics: Analytics) -> None:
    response = await analytics.http.get("/proposals.pdf", headers=analytics.admin)

    assert response.status_code == 422
    assert response.json()["field"] == "path.file_format"


async def test_a_report_asked_for_a_code_beyond_latin_1_is_named_in_utf_8(
    analytics: Analytics,
) -> None:
    # From the long fuzz (seed 20262): the agency code asked for is in the file's name,
    # and a header is Latin-1; this was a 500.
    asked = "y6\U000f675d\u00ec"
    for path, name in (
        ("/proposals.xlsx", f"usulan-pelatihan-{asked}.xlsx"),
        ("/analytics/heatmap.csv", f"peta-kesenjangan-{asked}.csv"),
    ):
        answer = await analytics.http.get(
            path, headers=analytics.admin, params={"agency_code": asked}
        )

        assert answer.status_code == 200, answer.text
        disposition = answer.headers["content-disposition"]
        assert unquote(disposition.split("filename*=UTF-8''")[1]) == name
