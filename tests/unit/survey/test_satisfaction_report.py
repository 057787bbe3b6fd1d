"""An SKM period's report through the survey API on SQLite: per element, per group of
respondents, beside the unit's other periods; as CSV and XLSX with Indonesian headers;
only for the unit's operators. The figures are worked out by hand below."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from bangkom.platform.auth import Role
from bangkom.platform.service import Service
from bangkom.survey.bootstrap import bootstrap
from bangkom.survey.config import SurveySettings
from bangkom.survey.domain.satisfaction import Element
from bangkom.survey.handlers.on_events import on_agency_updated
from tests import factories
from tests.apps import asgi_client, bearer, on_sqlite
from tests.unit.survey import builders

UNIT = "12.73.DISDUKCAPIL"
# Four members of the public, each rating every element the same.
ANSWERS: list[tuple[int, dict[str, str], str]] = [
    (4, {"gender": "perempuan", "age_band": "30-39", "occupation": "Pedagang"}, "=1+1"),
    (2, {"gender": "laki-laki", "occupation": "  pedagang "}, "Loket <b>pagi</b> ramai"),
    (3, {"gender": "perempuan"}, ""),
    (3, {}, ""),
]


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    async with on_sqlite(bootstrap, SurveySettings, tmp_path, public_answers_per_minute=100) as s:
        async with s.uow_factory() as uow:
            await on_agency_updated(builders.agency_updated(UNIT), uow)  # type: ignore[arg-type]
            await uow.commit()
        yield s


async def _closed_period(
    client: httpx.AsyncClient, operator: dict[str, str], label: str, answers: list[Any]
) -> str:
    opened = await client.post(
        "/satisfaction/periods",
        headers=operator,
        json={"unit_code": UNIT, "label": label, "population": 1000},
    )
    period = str(opened.json()["id"])
    for rating, respondent, suggestion in answers:
        sent = await client.post(
            f"/public/satisfaction/{period}/answers",
            json={
                "submission_id": str(uuid.uuid4()),
                "ratings": {e.value: rating for e in Element},
                "respondent": respondent,
                "suggestion": suggestion,
            },
        )
        assert sent.status_code == 201, sent.text
    assert (await client.post(f"/satisfaction/periods/{period}/close", headers=operator)).is_success
    return period


@pytest.fixture
async def reported(
    service: Service,
) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, str], str]]:
    operator = bearer(service, Role.AGENCY_OPERATOR, agencies=["12.73"])
    async with asgi_client(service) as client:
        await _closed_period(client, operator, "2026-1", [(2, {}, ""), (2, {}, "")])
        period = await _closed_period(client, operator, "2026-2", ANSWERS)
        yield client, operator, period


async def test_the_report_gives_each_element_each_group_and_each_period(
    reported: tuple[httpx.AsyncClient, dict[str, str], str],
) -> None:
    client, operator, period = reported

    report = (await client.get(f"/satisfaction/periods/{period}/report", headers=operator)).json()

    # All: (4 + 2 + 3 + 3) / 4 = 3 on every element; IKM 9 x 3 x 1/9 = 3, x 25 = 75: C.
    assert (report["period"]["score"]["converted"], report["period"]["score"]["grade"]) == (
        75.0,
        "C",
    )
    groups = {(g["characteristic"], g["group"]): g for g in report["groups"]}
    # perempuan: (4 + 3) / 2 = 3.5 -> 87.5, B; laki-laki: 2 -> 50, D; left out: 3 -> 75, C
    assert [
        (g["group"], g["respondents"], g["share"], g["ikm"], g["grade"])
        for g in report["groups"]
        if g["characteristic"] == "gender"
    ] == [
        ("perempuan", 2, 0.5, 87.5, "B"),
        ("laki-laki", 1, 0.25, 50.0, "D"),
        ("Tidak disebutkan", 1, 0.25, 75.0, "C"),
    ]
    # "Pedagang" and "  pedagang ": one group, (4 + 2) / 2 = 3 -> 75
    pedagang = groups[("occupation", "Pedagang")]
    assert (pedagang["respondents"], pedagang["ikm"]) == (2, 75.0)
    assert pedagang["elements"]["kompetensi_pelaksana"] == 3.0
    assert groups[("age_band", "30-39")]["ikm"] == 100.0
    assert groups[("education", "Tidak disebutkan")]["respondents"] == 4
    # The unit's periods, newest first: 2026-1 was rated 2 throughout -> 50, D.
    assert [(p["label"], p["respondents"], p["ikm"], p["grade"]) for p in report["periods"]] == [
        ("2026-2", 4, 75.0, "C"),
        ("2026-1", 2, 50.0, "D"),
    ]
    assert report["suggestions"] == 2


async def test_the_csv_tables_have_indonesian_headers_and_quote_formulas(
    reported: tuple[httpx.AsyncClient, dict[str, str], str],
) -> None:
    client, operator, period = reported
    url = f"/satisfaction/periods/{period}/report.csv"

    elements = await client.get(url, headers=operator)
    groups = await client.get(url, headers=operator, params={"table": "groups"})
    suggestions = await client.get(url, headers=operator, params={"table": "suggestions"})
    unknown = await client.get(url, headers=operator, params={"table": "everything"})

    assert elements.headers["content-type"].startswith("text/csv")
    assert f"skm-{UNIT}-2026-2-elements.csv" in elements.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(elements.text)))
    assert rows[0] == [
        "No",
        "Unsur pelayanan",
        "Jumlah nilai",
        "Jumlah responden",
        "NRR",
        "NRR tertimbang",
    ]
    # Kompetensi pelaksana: 4 + 2 + 3 + 3 = 12 over 4 answers, NRR 3, x 1/9 = 0.333
    assert rows[6] == ["6", "Kompetensi pelaksana", "12", "4", "3.0", "0.333"]
    group_rows = list(csv.reader(io.StringIO(groups.text)))
    assert group_rows[0][:6] == [
        "Karakteristik",
        "Kelompok",
        "Jumlah responden",
        "Persentase",
        "IKM konversi",
        "Mutu pelayanan",
    ]
    assert group_rows[1][:6] == ["Jenis kelamin", "perempuan", "2", "50.0", "87.5", "B (Baik)"]
    assert list(csv.reader(io.StringIO(suggestions.text)))[1:] == [
        [factories.at().date().isoformat(), "", "'=1+1"],  # not run as a formula
        [factories.at().date().isoformat(), "", "Loket <b>pagi</b> ramai"],
    ]
    assert unknown.status_code == 422


async def test_the_workbook_has_a_sheet_per_table(
    reported: tuple[httpx.AsyncClient, dict[str, str], str],
) -> None:
    client, operator, period = reported

    workbook = await client.get(f"/satisfaction/periods/{period}/report.xlsx", headers=operator)

    sheets = load_workbook(io.BytesIO(workbook.content))
    assert sheets.sheetnames == [
        "Ringkasan",
        "Nilai per unsur",
        "Per kelompok responden",
        "Per periode",
        "Saran dan masukan",
    ]
    summary = {row[0]: row[1] for row in sheets["Ringkasan"].iter_rows(values_only=True)}
    assert summary["IKM konversi (25-100)"] == 75
    assert (summary["Mutu pelayanan"], summary["Kinerja unit pelayanan"]) == ("C", "Kurang Baik")
    assert summary["Sampel minimal (Krejcie dan Morgan)"] == 278
    periods = list(sheets["Per periode"].iter_rows(values_only=True))
    assert [row[0] for row in periods[1:]] == ["2026-2", "2026-1"]


async def test_another_agencys_operator_gets_no_report(
    service: Service, reported: tuple[httpx.AsyncClient, dict[str, str], str]
) -> None:
    client, _operator, period = reported
    stranger = bearer(service, Role.AGENCY_OPERATOR, agencies=[factories.agency_code()])

    codes = [
        (await client.get(f"/satisfaction/periods/{period}/{path}", headers=stranger)).status_code
        for path in ("report", "report.csv", "report.xlsx")
    ]

    assert codes == [404, 404, 404]
