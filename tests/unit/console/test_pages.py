"""The console's pages on fake APIs: sign-in with CSRF, an employee's own profile,
"tidak berwenang" for anyone else's, and the banner of a service that is down."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from bangkom.console.config import ConsoleSettings
from bangkom.console.entrypoints.web.app import create_web
from bangkom.console.handlers.ports import Json, NotAuthorised, Refused, ServiceUnavailable
from tests import factories

OWN = factories.nip()
OTHER = factories.nip()


class FakeApis:
    """One agency's APIs as seen with a token: only ``visible`` NIPs exist."""

    def __init__(self, world: dict[str, Any]) -> None:
        self.visible, self.down, self.world = world["visible"], world["down"], world

    async def agency_proposals(self, status: str | None) -> list[Json]:
        if "recommendation" in self.down:
            raise ServiceUnavailable("recommendation")
        return [p for p in self.world["proposals"] if status in (None, p["status"])]

    async def decide(self, proposal_id: str, *, accept: bool, reason: str | None) -> Json:
        [proposal] = [p for p in self.world["proposals"] if p["id"] == proposal_id]
        if proposal["status"] != "proposed":
            raise Refused("Keadaan data saat ini tidak mengizinkan permintaan ini")
        proposal["status"] = "accepted" if accept else "rejected"
        proposal["status_reason"] = reason
        return proposal

    async def heatmap(self, agency_code: str | None, depth: int | None) -> Json:
        self.world["heatmaps"].append((agency_code, depth))
        if "recommendation" in self.down:
            raise ServiceUnavailable("recommendation")
        cell = {
            "competency_code": "M.05",
            "mean_gap": 0.75,
            "percent_meeting": 62.5,
            "employees": 8,
        }
        return {
            "agencies": [{"agency_code": "12.73.BKPSDM", "employees": 8, "competencies": [cell]}]
        }

    async def compliance(self, agency_code: str | None) -> Json:
        return {
            "year": 2026,
            "agencies": [
                {
                    "agency_code": "12.73.BKPSDM",
                    "employees": 8,
                    "percent_compliant": 37.5,
                    "below_target": 5,
                    "jp_missing": 61,
                }
            ],
        }

    async def pending_proposals(self) -> tuple[int, bool]:
        return 3, False

    async def upload_import(self, kind: str, filename: str, content: bytes) -> Json:
        self.world["uploaded"].append((kind, filename, content))
        return {"id": "J-1"}

    async def import_job(self, job_id: str) -> Json:
        if job_id != "J-1":
            raise NotAuthorised(job_id)
        return {
            "id": "J-1",
            "kind": "roster",
            "filename": "pegawai.xlsx",
            "status": "done",
            "rows_read": 3,
            "rows_stored": 2,
            "rows_unchanged": 0,
            "rows_rejected": 1,
            "failure": None,
        }

    async def import_errors(self, job_id: str) -> list[Json]:
        return [{"row": 3, "column": "nip", "reason": "NIP harus 18 angka"}]

    async def record_result(self, result: Json) -> Json:
        self._check("evaluation", result["nip"])
        self.world["recorded"].append(result)
        return result

    def _check(self, service: str, nip: str) -> None:
        if service in self.down:
            raise ServiceUnavailable(service)
        if nip not in self.visible:
            raise NotAuthorised(nip)

    async def employee(self, nip: str) -> Json:
        self._check("evaluation", nip)
        return {
            "nip": nip,
            "name": "Siti Aminah",
            "agency_code": "12.73.BKPSDM",
            "position_code": "P-1",
            "employment_type": "PNS",
            "active": True,
        }

    async def gaps(self, nip: str) -> Json | None:
        self._check("recommendation", nip)
        return {
            "gaps": [
                {
                    "competency_code": "M.05",
                    "competency_name": "Pelayanan Publik",
                    "required_level": 3,
                    "current_level": None,
                }
            ]
        }

    async def proposals(self, nip: str) -> list[Json]:
        self._check("recommendation", nip)
        return []

    async def ledger(self, nip: str) -> Json | None:
        self._check("training", nip)
        return {
            "total_jp": 12,
            "target_jp": 20,
            "missing_jp": 8,
            "meets_target": False,
            "entries": [],
        }


def _proposal(proposal_id: str) -> Json:
    return {
        "id": proposal_id,
        "nip": OWN,
        "competency_code": "M.05",
        "course_code": "PP-1",
        "current_level": 1,
        "required_level": 3,
        "jp": 24,
        "reasons": ["Kesenjangan 2 level pada Pelayanan Publik"],
        "status": "proposed",
        "status_reason": None,
    }


def _form_token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


@pytest.fixture
async def console(tmp_path: Any) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, Any]]]:
    world: dict[str, Any] = {
        "visible": {OWN},
        "down": set(),
        "minted": [],
        "recorded": [],
        "uploaded": [],
        "heatmaps": [],
        "proposals": [_proposal("P-1"), _proposal("P-2"), _proposal("P-3")],
    }

    def mint(**claims: Any) -> str:
        world["minted"].append(claims)
        return "token"

    settings = ConsoleSettings(environment="test", auth_dev_key_file=tmp_path / "k.pem")
    app = create_web(settings, lambda _r, _v: FakeApis(world), mint)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://console", follow_redirects=True
    ) as client:
        yield client, world


async def _csrf(client: httpx.AsyncClient) -> str:
    page = (await client.get("/masuk")).text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


async def _sign_in(client: httpx.AsyncClient, **form: str) -> Any:
    token = await _csrf(client)
    return await client.post("/masuk", data={"csrf_token": token, **form}, follow_redirects=False)


async def test_a_sign_in_without_the_forms_csrf_token_changes_nothing(console: Any) -> None:
    client, world = console
    await client.get("/masuk")

    refused = await client.post("/masuk", data={"name": "Siti", "role": "employee", "nip": OWN})

    assert refused.status_code == 400
    assert world["minted"] == []
    assert (await client.get("/profil", follow_redirects=False)).headers["location"] == "/masuk"


async def test_the_session_cookie_is_httponly_and_samesite(console: Any) -> None:
    client, _ = console
    response = await _sign_in(client, name="Siti", role="employee", nip=OWN)

    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie


async def test_an_employee_sees_their_own_profile_and_nobody_elses(console: Any) -> None:
    client, world = console
    signed_in = await _sign_in(client, name="Siti", role="employee", nip=OWN)
    assert signed_in.headers["location"] == "/profil"
    assert world["minted"] == [{"subject": "Siti", "role": "employee", "agencies": [], "nip": OWN}]

    own = await client.get("/profil")
    assert own.status_code == 200
    assert "Pelayanan Publik" in own.text
    assert "belum dinilai" in own.text
    assert "12 dari 20 JP" in own.text

    other = await client.get(f"/pegawai/{OTHER}")
    assert other.status_code == 403
    assert "Tidak berwenang" in other.text
    assert "Siti Aminah" not in other.text
    assert (await client.get("/pegawai")).status_code == 403  # the roster is staff's


async def test_an_operator_of_another_agency_gets_tidak_berwenang(console: Any) -> None:
    client, world = console
    world["visible"] = set()  # the APIs show this operator nobody of that agency
    await _sign_in(client, name="Budi", role="agency_operator", agency="12.73.DISDIK")

    page = await client.get(f"/pegawai/{OWN}")

    assert page.status_code == 403
    assert "Tidak berwenang" in page.text
    assert "Siti Aminah" not in page.text


async def test_a_service_down_is_named_in_a_banner_and_the_rest_still_shows(console: Any) -> None:
    client, world = console
    world["down"] = {"training"}
    await _sign_in(client, name="Siti", role="employee", nip=OWN)

    page = await client.get("/profil")

    assert page.status_code == 200
    assert "Layanan <strong>training</strong> sedang tidak tersedia" in page.text
    assert "Pelayanan Publik" in page.text


async def test_sign_out_ends_the_session(console: Any) -> None:
    client, _ = console
    await _sign_in(client, name="Siti", role="employee", nip=OWN)
    token = re.search(r'name="csrf_token" value="([^"]+)"', (await client.get("/profil")).text)
    assert token

    await client.post("/keluar", data={"csrf_token": token.group(1)}, follow_redirects=False)

    assert (await client.get("/profil", follow_redirects=False)).headers["location"] == "/masuk"


async def test_a_sign_in_form_with_a_missing_field_says_which(console: Any) -> None:
    client, world = console

    refused = await _sign_in(client, name="Budi", role="agency_operator", agency="")

    assert refused.status_code == 422
    assert "kode instansinya" in refused.text
    assert world["minted"] == []


async def test_an_operator_accepts_one_proposal_and_rejects_another_with_a_reason(
    console: Any,
) -> None:
    client, world = console
    await _sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    queue = await client.get("/usulan")
    assert queue.status_code == 200
    assert queue.text.count('data-proposal="') == 3
    token = _form_token(queue.text)

    await client.post("/usulan/P-1/keputusan", data={"csrf_token": token, "decision": "terima"})
    refused = await client.post(
        "/usulan/P-2/keputusan", data={"csrf_token": token, "decision": "tolak", "note": " "}
    )
    rejected = await client.post(
        "/usulan/P-2/keputusan",
        data={"csrf_token": token, "decision": "tolak", "note": "Sudah ikut tahun lalu"},
    )

    assert "Alasan penolakan wajib diisi." in refused.text
    assert "Usulan ditolak." in rejected.text
    assert [(p["status"], p["status_reason"]) for p in world["proposals"][:2]] == [
        ("accepted", None),
        ("rejected", "Sudah ikut tahun lalu"),
    ]
    left = await client.get("/usulan/daftar?status=proposed")
    assert left.text.count('data-proposal="') == 1


async def test_accepting_several_goes_on_past_one_decided_meanwhile(console: Any) -> None:
    client, world = console
    await _sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    token = _form_token((await client.get("/usulan")).text)
    world["proposals"][1]["status"] = "rejected"  # decided by someone else meanwhile

    page = await client.post(
        "/usulan/terima", data={"csrf_token": token, "proposal_id": ["P-1", "P-2", "P-3"]}
    )

    assert "2 usulan diterima." in page.text
    assert "tidak mengizinkan" in page.text
    assert [p["status"] for p in world["proposals"]] == ["accepted", "rejected", "accepted"]


async def test_an_employee_neither_decides_nor_records_results(console: Any) -> None:
    client, world = console
    await _sign_in(client, name="Siti", role="employee", nip=OWN)
    token = _form_token((await client.get("/profil")).text)

    decided = await client.post(
        "/usulan/P-1/keputusan", data={"csrf_token": token, "decision": "terima"}
    )
    recorded = await client.post(
        f"/pegawai/{OWN}/hasil",
        data={"csrf_token": token, "competency_code": "M.05", "level": "3"},
    )

    assert (decided.status_code, recorded.status_code) == (403, 403)
    assert world["proposals"][0]["status"] == "proposed"
    assert world["recorded"] == []
    assert "Catat hasil penilaian" not in (await client.get("/profil")).text


async def test_an_operator_records_a_result_for_an_employee(console: Any) -> None:
    client, world = console
    await _sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    page = await client.get(f"/pegawai/{OWN}")
    assert "Catat hasil penilaian" in page.text

    done = await client.post(
        f"/pegawai/{OWN}/hasil",
        data={
            "csrf_token": _form_token(page.text),
            "competency_code": "M.05",
            "level": "1",
            "method": "cat",
            "assessed_on": "2026-12-01",
        },
    )

    assert "Hasil penilaian M.05 Level 1 tercatat." in done.text
    [result] = world["recorded"]
    assert (result["nip"], result["competency_code"], result["level"], result["method"]) == (
        OWN,
        "M.05",
        1,
        "cat",
    )
    assert result["evaluated_at"] == "2026-12-01T12:00:00+07:00"
    assert result["assessor"] == "Sari"


async def test_an_upload_goes_to_evaluation_and_its_rejected_rows_are_named(console: Any) -> None:
    client, world = console
    await _sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    token = _form_token((await client.get("/impor")).text)

    page = await client.post(
        "/impor",
        data={"csrf_token": token, "kind": "roster"},
        files={"file": ("pegawai.xlsx", b"PK-xlsx-bytes")},
    )

    assert world["uploaded"] == [("roster", "pegawai.xlsx", b"PK-xlsx-bytes")]
    assert str(page.url).endswith("/impor/J-1")
    assert "2 disimpan" in page.text
    assert "NIP harus 18 angka" in page.text
    download = await client.get("/impor/J-1/baris-ditolak.csv")
    assert download.text.splitlines() == ["baris,kolom,alasan", "3,nip,NIP harus 18 angka"]
    assert (await client.get("/impor/J-2")).status_code == 403  # not the operator's import


async def test_an_upload_without_a_file_says_so_and_sends_nothing(console: Any) -> None:
    client, world = console
    await _sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    token = _form_token((await client.get("/impor")).text)

    page = await client.post(
        "/impor", data={"csrf_token": token, "kind": "roster"}, files={"file": ("x.csv", b"")}
    )

    assert "Pilih berkas CSV atau XLSX" in page.text
    assert world["uploaded"] == []


async def test_beranda_shows_the_heatmap_compliance_and_the_waiting_proposals(
    console: Any,
) -> None:
    client, world = console
    signed_in = await _sign_in(client, name="Sari", role="agency_operator", agency="12.73")
    assert signed_in.headers["location"] == "/beranda"

    page = await client.get("/beranda")
    drilled = await client.get("/beranda?agency=12.73.BKPSDM")

    assert "0,8 · 62%" in page.text  # mean gap 0.75, 62.5 % meeting the standard
    assert "band-kurang" in page.text
    assert "37,5%" in page.text
    assert "3</strong> usulan pelatihan menunggu keputusan" in page.text
    assert world["heatmaps"] == [(None, None), ("12.73.BKPSDM", 4)]
    assert drilled.status_code == 200


async def test_beranda_is_not_for_an_employee(console: Any) -> None:
    client, world = console
    await _sign_in(client, name="Siti", role="employee", nip=OWN)

    assert (await client.get("/beranda")).status_code == 403
    assert world["heatmaps"] == []
