"""The 20 JP compliance report HR offices file, as CSV and XLSX, on the training API
over an embedded SQLite database: it opens with openpyxl, its figures are the API's,
it spans more than one page of reading, and another agency's operator gets none of it."""

import csv
import io
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from bangkom.platform.auth import Role
from bangkom.platform.db.migrations import upgrade
from bangkom.platform.service import Service
from bangkom.platform.web import spreadsheets
from bangkom.training.bootstrap import bootstrap
from bangkom.training.config import TrainingSettings
from tests import factories
from tests.apps import bearer
from tests.unit.training import factories as training

HEADERS = [
    "NIP",
    "Nama",
    "Kode instansi",
    "Tahun",
    "JP tercapai",
    "Target JP",
    "Kekurangan JP",
    "Memenuhi 20 JP",
]


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    settings = TrainingSettings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'training.db'}",
        auth_dev_key_file=tmp_path / "dev.pem",
    )
    service = bootstrap(settings, clock=training.PinnedClock())
    await upgrade(service.database.engine, service.migrations)
    yield service
    await service.database.dispose()


@pytest.fixture
async def client(service: Service) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=service.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://training") as client:
        yield client


@pytest.fixture
async def agency(service: Service, client: httpx.AsyncClient) -> str:
    """An agency of five employees, two of them with training this year (24 and 8 JP)
    and one named like a formula."""
    code = factories.agency_code()
    events = [training.employee_updated(agency=code, name=f"Pegawai {n}") for n in range(4)]
    events.append(training.employee_updated(agency=code, name="=HYPERLINK(1)"))
    async with service.uow_factory() as uow:
        for event in events:
            for handler in service.event_handlers[type(event)]:
                await handler(event, uow)
        await uow.commit()
    admin = bearer(service, Role.PROVINCE_ADMIN)
    for event, jp in ((events[0], 24), (events[1], 8)):
        recorded = await client.post(
            "/completions",
            headers=admin,
            json={
                "nip": event.nip,
                "source": "certificate",
                "reference": f"SERT-{event.nip}",
                "title": "Pelatihan Pelayanan Publik",
                "jp": jp,
                "mode": "klasikal",
                "outcome": "passed",
                "completed_at": "2027-02-14T12:00:00+07:00",
            },
        )
        assert recorded.status_code == 201, recorded.text
    return code


async def _api_rows(client: httpx.AsyncClient, headers: dict[str, str], agency: str) -> list[Any]:
    page = await client.get(
        f"/compliance/agencies/{agency}/employees", headers=headers, params={"year": 2027}
    )
    assert page.status_code == 200, page.text
    return [
        [e["nip"], e["name"], e["agency_code"], e["year"], e["jp"], 20, e["missing_jp"]]
        for e in page.json()["items"]
    ]


def _comparable(row: list[Any]) -> list[Any]:
    name = row[1][1:] if row[1].startswith("'") else row[1]  # formulas are quoted
    return [row[0], name, row[2], int(row[3]), *(int(v) for v in row[4:7])]


async def test_the_xlsx_opens_with_the_apis_figures_a_frozen_header_and_number_formats(
    client: httpx.AsyncClient, service: Service, agency: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheets, "PAGE_ROWS", 2)  # five rows: three pages read
    operator = bearer(service, Role.AGENCY_OPERATOR, agencies=[agency])

    response = await client.get(
        f"/compliance/agencies/{agency}/employees.xlsx", headers=operator, params={"year": 2027}
    )

    assert response.status_code == 200, response.text
    assert f"kepatuhan-20jp-{agency}-2027.xlsx" in response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert table[0] == HEADERS
    assert sheet.freeze_panes == "A2"
    assert sheet["E2"].number_format == "0"
    assert sheet.column_dimensions["B"].width == 32
    assert sheet["A1"].font.bold
    api = await _api_rows(client, operator, agency)
    assert [_comparable(r) for r in table[1:]] == api
    assert [r[7] for r in table[1:]] == ["Ya" if r[6] == 0 else "Tidak" for r in api]
    assert "'=HYPERLINK(1)" in [r[1] for r in table[1:]]


async def test_the_csv_has_the_same_rows_and_another_agencys_operator_gets_a_404(
    client: httpx.AsyncClient, service: Service, agency: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheets, "PAGE_ROWS", 2)
    operator = bearer(service, Role.AGENCY_OPERATOR, agencies=[agency])
    stranger = bearer(service, Role.AGENCY_OPERATOR, agencies=[factories.agency_code()])
    url = f"/compliance/agencies/{agency}/employees.csv"

    response = await client.get(url, headers=operator, params={"year": 2027})
    refused = await client.get(url, headers=stranger, params={"year": 2027})
    refused_xlsx = await client.get(url.replace(".csv", ".xlsx"), headers=stranger)

    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == HEADERS
    assert [_comparable(r) for r in table[1:]] == await _api_rows(client, operator, agency)
    assert len(table) == 1 + 5
    assert (refused.status_code, refused.json()["code"]) == (404, "not_found")
    assert refused_xlsx.status_code == 404
