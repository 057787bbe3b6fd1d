"""The reports HR offices file from evaluation, on PostgreSQL and on SQLite: the roster
with JPM and the post-training evaluations as XLSX and CSV open with openpyxl and csv,
hold what the JSON API gives for the same data (the roster read over more than one page),
and show an agency's operator their agencies only.

Agency A: four employees on a pengawas position (the framework's default standard), one
of them assessed above and below it, one assessed by herself after an assessment centre
(which still counts), one never assessed, one named like a formula; one L3 evaluation
completed with L1-L4, one still open. Agency B: one employee and one evaluation."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from bangkom.evaluation.bootstrap import bootstrap
from bangkom.evaluation.config import EvaluationSettings
from bangkom.evaluation.entrypoints.api import reports
from bangkom.platform.auth import Role
from bangkom.platform.catalog import CompletionRecorded
from bangkom.platform.catalog.training import CourseCompetency
from bangkom.platform.service import Service
from tests import builders, factories
from tests.apps import asgi_client, bearer
from tests.downloads import csv_of, workbook_of
from tests.infra import a_database

pytestmark = [pytest.mark.postgres]

ROSTER_HEADERS = [
    "NIP",
    "Nama",
    "Jenis kepegawaian",
    "Kode instansi",
    "Kode jabatan",
    "Jabatan",
    "NIP atasan",
    "Aktif",
    "JPM (%)",
    "Kategori JPM",
    "Kompetensi dinilai",
    "Kompetensi dipersyaratkan",
]
CATEGORIES = {
    "optimal": "Optimal",
    "cukup_optimal": "Cukup optimal",
    "kurang_optimal": "Kurang optimal",
}


@dataclass
class Offices:
    service: Service
    http: httpx.AsyncClient
    a: str
    b: str

    @property
    def admin(self) -> dict[str, str]:
        return bearer(self.service, Role.PROVINCE_ADMIN)

    def operator(self, agency: str) -> dict[str, str]:
        return bearer(self.service, Role.AGENCY_OPERATOR, agencies=[agency])

    async def get(self, path: str, headers: dict[str, str], **params: Any) -> Any:
        response = await self.http.get(path, headers=headers, params=params)
        assert response.status_code == 200, response.text
        return response.json()


async def _result(http: httpx.AsyncClient, admin: dict[str, str], nip: str, **body: Any) -> None:
    response = await http.post(
        "/results",
        headers=admin,
        json={"nip": nip, "evaluated_at": factories.at(days_ago=30).isoformat()} | body,
    )
    assert response.status_code == 201, response.text


async def _completed(service: Service, nip: str, agency: str, days_ago: float) -> None:
    """A course completed, as training publishes it: evaluation schedules its L3."""
    event = CompletionRecorded(
        completion_id=str(uuid.uuid4()),
        nip=nip,
        agency_code=agency,
        course_code="PEL-PP",
        outcome="passed",
        jp=24,
        mode="klasikal",
        competencies=[CourseCompetency(competency_code="M.05", level_from=1, level_to=3)],
        source="session",
        completed_at=factories.at(days_ago=days_ago),
    )
    async with service.uow_factory() as uow:
        for handler in service.event_handlers[CompletionRecorded]:
            await handler(event, uow)
        await uow.commit()


async def _fill(service: Service, http: httpx.AsyncClient, a: str, b: str) -> None:
    admin = bearer(service, Role.PROVINCE_ADMIN)
    nips = []
    for agency in (a, a, a, a, b):
        position = await builders.a_position(http, admin, agency)
        nips.append(await builders.an_employee(http, admin, agency, position))
    named_like_a_formula = {"nip": nips[3], "agency_code": a, "position_code": f"{a}-PENGAWAS"}
    response = await http.put(
        "/employees", headers=admin, json={"name": "=1+2"} | named_like_a_formula
    )
    assert response.status_code == 200, response.text
    await _result(http, admin, nips[0], competency_code="M.01", level=5, method="cat")
    await _result(http, admin, nips[0], competency_code="M.05", level=1, method="cat")
    await _result(http, admin, nips[1], competency_code="M.05", level=4, method="assessment_center")
    await _result(
        http,
        admin,
        nips[1],
        competency_code="M.05",
        level=1,
        method="self",
        evaluated_at=factories.at(days_ago=2).isoformat(),
    )
    await _result(http, admin, nips[4], competency_code="M.02", level=2, method="cat")
    await _completed(service, nips[0], a, days_ago=200)
    await _completed(service, nips[1], a, days_ago=5)
    await _completed(service, nips[4], b, days_ago=200)
    listed = (await http.get("/training-evaluations", headers=admin)).json()["items"]
    [done] = [e for e in listed if e["nip"] == nips[0]]
    path = f"/training-evaluations/{done['id']}/levels"
    for level, body in (
        (1, {"score": 88.5}),
        (2, {"pre_score": 55.0, "score": 81.0, "competency_levels": {"M.05": 2}}),
        (3, {"competency_levels": {"M.05": 3}, "note": "Melayani loket dengan ramah"}),
        (4, {"score": 70.0, "note": "IKM unit naik"}),
    ):
        recorded = await http.put(f"{path}/{level}", headers=admin, json=body)
        assert recorded.status_code == 200, recorded.text


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
async def offices(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Offices]:
    tmp = tmp_path_factory.mktemp("reports")
    async with a_database(request.param, tmp) as url:
        service = bootstrap(EvaluationSettings(database_url=url, auth_dev_key_file=tmp / "k.pem"))
        try:
            await service.prepare()
            async with asgi_client(service) as http:
                a, b = factories.agency_code(), factories.agency_code()
                for agency in (a, b):
                    await builders.an_agency(http, bearer(service, Role.PROVINCE_ADMIN), agency)
                await _fill(service, http, a, b)
                yield Offices(service, http, a, b)
        finally:
            await service.database.dispose()


async def _api_roster(offices: Offices, headers: dict[str, str]) -> list[list[Any]]:
    """The roster as the JSON API gives it: /employees, each with the JPM of its profile."""
    rows = []
    for e in (await offices.get("/employees", headers, limit=500))["items"]:
        profile = await offices.get(f"/employees/{e['nip']}/profile", headers)
        jpm = profile["jpm"]
        name = f"'{e['name']}" if e["name"].startswith("=") else e["name"]  # quoted formula
        rows.append(
            [
                e["nip"],
                name,
                e["employment_type"],
                e["agency_code"],
                e["position_code"],
                profile["position_name"],
                e["supervisor_nip"],
                "Ya" if e["active"] else "Tidak",
                jpm["percent"],
                CATEGORIES[jpm["category"]],
                jpm["assessed"],
                jpm["required"],
            ]
        )
    return rows


async def test_the_roster_workbook_holds_each_employees_jpm_as_the_api_gives_it(
    offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reports, "ROSTER_PAGE_ROWS", 2)  # five employees: three pages

    sheet, table = workbook_of(await offices.http.get("/employees.xlsx", headers=offices.admin))

    api = await _api_roster(offices, offices.admin)
    assert table[0] == ROSTER_HEADERS
    assert table[1:] == api
    assert len({row[8] for row in api}) > 2, "JPMs of more than two kinds are compared"
    assert "'=1+2" in [row[1] for row in table[1:]]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert (sheet["I2"].number_format, sheet["K2"].number_format) == ("0.0", "0")
    assert sheet.column_dimensions["L"].width == 25


async def test_the_roster_csv_shows_an_operator_their_agency_only(
    offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reports, "ROSTER_PAGE_ROWS", 2)
    operator = offices.operator(offices.a)

    table = csv_of(await offices.http.get("/employees.csv", headers=operator))

    api = await _api_roster(offices, operator)
    assert [[*r[:8], float(r[8]), r[9], int(r[10]), int(r[11])] for r in table[1:]] == [
        [*r[:6], r[6] or "", *r[7:]] for r in api
    ]
    assert {row[3] for row in table[1:]} == {offices.a}
    assert len(table) == 1 + 4


async def test_the_evaluations_workbook_holds_l1_to_l4_as_the_api_gives_them(
    offices: Offices,
) -> None:
    _, table = workbook_of(
        await offices.http.get("/training-evaluations.xlsx", headers=offices.admin)
    )

    api = (await offices.get("/training-evaluations", offices.admin, limit=500))["items"]
    assert [row[:5] for row in table[1:]] == [
        [e["id"], e["nip"], e["agency_code"], e["course_code"], ", ".join(e["competencies"])]
        for e in api
    ]
    statuses = {"upcoming": "Akan datang", "due": "Jatuh tempo", "overdue": "Terlambat"}
    assert [row[7] for row in table[1:]] == [statuses.get(e["status"], "Selesai") for e in api]
    [done] = [row for row in table[1:] if row[7] == "Selesai"]
    assert [done[9], done[11], done[12], done[13], done[15], done[16], done[18], done[19]] == [
        88.5,
        55.0,
        81.0,
        "M.05: 2",
        "M.05: 3",
        "Melayani loket dengan ramah",
        70.0,
        "IKM unit naik",
    ]
    assert {row[2] for row in table[1:]} == {offices.a, offices.b}


async def test_an_operator_of_b_downloads_none_of_as_evaluations(offices: Offices) -> None:
    operator = offices.operator(offices.b)

    table = csv_of(await offices.http.get("/training-evaluations.csv", headers=operator))

    api = (await offices.get("/training-evaluations", operator))["items"]
    assert [row[0] for row in table[1:]] == [e["id"] for e in api]
    assert {row[2] for row in table[1:]} == {offices.b}
    assert table[0][:2] == ["ID evaluasi", "NIP"]


async def test_an_employee_downloads_their_own_row_of_the_roster(offices: Offices) -> None:
    [first, *_] = (await offices.get("/employees", offices.admin))["items"]
    employee = bearer(offices.service, Role.EMPLOYEE, nip=first["nip"])

    table = csv_of(await offices.http.get("/employees.csv", headers=employee))

    assert [row[0] for row in table[1:]] == [first["nip"]]
