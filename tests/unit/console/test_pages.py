"""The console's pages on fake APIs: sign-in with CSRF, an employee's own profile,
"tidak berwenang" for anyone else's, and the banner of a service that is down."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import httpx

from bangkom.console.config import ConsoleSettings
from bangkom.console.entrypoints.web.app import create_web
from bangkom.console.handlers.ports import Json
from tests.dependencies import threaded_dependencies
from tests.unit.console.fakes import (
    OTHER,
    OWN,
    FakeApis,
    FakePublicSurvey,
    form_token,
    new_world,
    running_console,
    sign_in,
)


async def test_a_sign_in_without_the_forms_csrf_token_changes_nothing(console: Any) -> None:
    client, world = console
    await client.get("/masuk")

    refused = await client.post("/masuk", data={"name": "Siti", "role": "employee", "nip": OWN})

    assert refused.status_code == 400
    assert world["minted"] == []
    assert (await client.get("/profil", follow_redirects=False)).headers["location"] == "/masuk"


async def test_the_session_cookie_is_httponly_and_samesite(console: Any) -> None:
    client, _ = console
    response = await sign_in(client, name="Siti", role="employee", nip=OWN)

    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie


async def test_an_employee_sees_their_own_profile_and_nobody_elses(console: Any) -> None:
    client, world = console
    signed_in = await sign_in(client, name="Siti", role="employee", nip=OWN)
    assert signed_in.headers["location"] == "/profil"
    assert world["minted"] == [{"subject": "Siti", "role": "employee", "agencies": [], "nip": OWN}]

    own = await client.get("/profil")
    assert own.status_code == 200
    assert "Pelayanan Publik" in own.text
    assert "belum dinilai" in own.text
    assert "12 dari 20 JP" in own.text
    assert "status: diusulkan" in own.text  # the proposal's status in words, too

    other = await client.get(f"/pegawai/{OTHER}")
    assert other.status_code == 403
    assert "Tidak berwenang" in other.text
    assert "Siti Aminah" not in other.text
    assert (await client.get("/pegawai")).status_code == 403  # the roster is staff's


async def test_an_employee_downloads_everything_bangkom_holds_about_them_as_one_file(
    console: Any,
) -> None:
    client, _ = console
    await sign_in(client, name="Siti", role="employee", nip=OWN)

    profile = await client.get("/profil")
    download = await client.get("/profil/data-saya")

    assert 'href="/profil/data-saya"' in profile.text
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    held = download.json()
    assert held["nip"] == OWN
    assert sorted(held["layanan"]) == [
        "career",
        "evaluation",
        "recommendation",
        "survey",
        "training",
    ]
    assert held["layanan"]["training"]["tables"]["employee"] == [{"nip": OWN}]


async def test_staff_without_a_nip_have_no_personal_data_page(console: Any) -> None:
    client, _ = console
    await sign_in(client, name="Budi", role="agency_operator", agency="12.73.BKPSDM")

    assert (await client.get("/profil/data-saya")).status_code == 403


async def test_an_operator_of_another_agency_gets_tidak_berwenang(console: Any) -> None:
    client, world = console
    world["visible"] = set()  # the APIs show this operator nobody of that agency
    await sign_in(client, name="Budi", role="agency_operator", agency="12.73.DISDIK")

    page = await client.get(f"/pegawai/{OWN}")

    assert page.status_code == 403
    assert "Tidak berwenang" in page.text
    assert "Siti Aminah" not in page.text


async def test_a_service_down_is_named_in_a_banner_and_the_rest_still_shows(console: Any) -> None:
    client, world = console
    world["down"] = {"training"}
    await sign_in(client, name="Siti", role="employee", nip=OWN)

    page = await client.get("/profil")

    assert page.status_code == 200
    assert "Layanan <strong>Pelatihan (training)</strong> sedang tidak tersedia" in page.text
    assert "Pelayanan Publik" in page.text


async def test_sign_out_ends_the_session(console: Any) -> None:
    client, _ = console
    await sign_in(client, name="Siti", role="employee", nip=OWN)
    token = re.search(r'name="csrf_token" value="([^"]+)"', (await client.get("/profil")).text)
    assert token

    await client.post("/keluar", data={"csrf_token": token.group(1)}, follow_redirects=False)

    assert (await client.get("/profil", follow_redirects=False)).headers["location"] == "/masuk"


async def test_a_token_the_apis_refuse_ends_the_session_and_asks_to_sign_in_again(
    console: Any,
) -> None:
    client, world = console
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    world["token_refused"] = True  # expired, or the services' key changed meanwhile

    read = await client.get(f"/pegawai/{OWN}")
    assert str(read.url).endswith("/masuk")
    assert "Sesi Anda telah berakhir; silakan masuk lagi." in read.text
    assert (await client.get("/pegawai", follow_redirects=False)).headers["location"] == "/masuk"

    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    token = form_token((await client.get("/impor")).text)  # a page that asks no API
    changed = await client.post(
        f"/pegawai/{OWN}/hasil",
        data={"csrf_token": token, "competency_code": "M.05", "level": "2"},
    )
    assert "Sesi Anda telah berakhir" in changed.text
    assert world["recorded"] == []


async def test_a_sign_in_form_with_a_missing_field_says_which(console: Any) -> None:
    client, world = console

    refused = await sign_in(client, name="Budi", role="agency_operator", agency="")

    assert refused.status_code == 422
    assert "kode instansinya" in refused.text
    assert world["minted"] == []


async def test_an_operator_accepts_one_proposal_and_rejects_another_with_a_reason(
    console: Any,
) -> None:
    client, world = console
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    queue = await client.get("/usulan")
    assert queue.status_code == 200
    assert queue.text.count('data-proposal="') == 3
    token = form_token(queue.text)

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
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    token = form_token((await client.get("/usulan")).text)
    world["proposals"][1]["status"] = "rejected"  # decided by someone else meanwhile

    page = await client.post(
        "/usulan/terima", data={"csrf_token": token, "proposal_id": ["P-1", "P-2", "P-3"]}
    )

    assert "2 usulan diterima." in page.text
    assert "tidak mengizinkan" in page.text
    assert [p["status"] for p in world["proposals"]] == ["accepted", "rejected", "accepted"]


async def test_an_employee_neither_decides_nor_records_results(console: Any) -> None:
    client, world = console
    await sign_in(client, name="Siti", role="employee", nip=OWN)
    token = form_token((await client.get("/profil")).text)

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


async def test_an_employee_accepts_their_own_free_self_paced_proposal_from_profil_saya(
    console: Any,
) -> None:
    client, world = console
    world["proposals"][0]["self_acceptable"] = True  # P-1: free e-learning; P-2, P-3 not
    await sign_in(client, name="Siti", role="employee", nip=OWN)
    profile = (await client.get("/profil")).text
    token = form_token(profile)

    forged = await client.post("/profil/usulan/P-2/terima", data={"csrf_token": token})
    without_csrf = await client.post("/profil/usulan/P-1/terima", data={"csrf_token": "x"})
    accepted = await client.post("/profil/usulan/P-1/terima", data={"csrf_token": token})

    assert re.findall(r'action="(/profil/usulan/[^"]+)"', profile) == ["/profil/usulan/P-1/terima"]
    assert ">Terima</button>" in profile
    assert "Usulan ini tidak dapat Anda terima sendiri" in forged.text
    assert without_csrf.status_code == 403
    assert str(accepted.url).endswith("/profil")
    assert "Usulan diterima; pendaftaran pelatihannya sedang diproses." in accepted.text
    assert [p["status"] for p in world["proposals"]] == ["accepted", "proposed", "proposed"]
    assert "/profil/usulan/P-1/terima" not in accepted.text  # decided: no button any more


async def test_staff_neither_see_nor_use_an_employees_own_acceptance(console: Any) -> None:
    client, world = console
    world["proposals"][0]["self_acceptable"] = True
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    page = await client.get(f"/pegawai/{OWN}")

    posted = await client.post(
        "/profil/usulan/P-1/terima", data={"csrf_token": form_token(page.text)}
    )

    assert "/profil/usulan/" not in page.text  # they decide in Usulan pelatihan
    assert posted.status_code == 403
    assert world["proposals"][0]["status"] == "proposed"


async def test_an_operator_records_a_result_for_an_employee(console: Any) -> None:
    client, world = console
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    page = await client.get(f"/pegawai/{OWN}")
    assert "Catat hasil penilaian" in page.text

    done = await client.post(
        f"/pegawai/{OWN}/hasil",
        data={
            "csrf_token": form_token(page.text),
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
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    token = form_token((await client.get("/impor")).text)

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
    assert download.text.splitlines() == [
        "baris,kolom,kode,alasan",
        "3,nip,nip_length,NIP harus 18 angka",
    ]
    assert (await client.get("/impor/J-2")).status_code == 403  # not the operator's import


async def test_an_upload_without_a_file_says_so_and_sends_nothing(console: Any) -> None:
    client, world = console
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    token = form_token((await client.get("/impor")).text)

    page = await client.post(
        "/impor", data={"csrf_token": token, "kind": "roster"}, files={"file": ("x.csv", b"")}
    )

    assert "Pilih berkas CSV atau XLSX" in page.text
    assert world["uploaded"] == []


async def test_beranda_shows_the_heatmap_compliance_and_the_waiting_proposals(
    console: Any,
) -> None:
    client, world = console
    signed_in = await sign_in(client, name="Sari", role="agency_operator", agency="12.73")
    assert signed_in.headers["location"] == "/beranda"

    page = await client.get("/beranda")
    drilled = await client.get("/beranda?agency=12.73.BKPSDM")

    assert "0,8 · 62%" in page.text  # mean gap 0.75, 62.5 % meeting the standard
    assert "band-kurang" in page.text
    assert "37,5%" in page.text
    assert "3</strong> usulan pelatihan menunggu keputusan" in page.text
    assert "100+</strong> evaluasi pascapelatihan terlambat" in page.text
    assert '<a href="/impor/J-7">pegawai &lt;baru&gt;.xlsx</a>: 12.000 baris dibaca' in page.text
    assert world["heatmaps"] == [(None, None), ("12.73.BKPSDM", 4)]
    assert world["compliances"] == world["heatmaps"]  # the same agencies, rolled up alike
    assert drilled.status_code == 200


async def test_beranda_shows_the_jpm_distribution_and_the_pace_toward_20_jp(
    console: Any,
) -> None:
    client, world = console
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73")

    page = (await client.get("/beranda")).text
    world["down"] = {"training"}
    without_training = await client.get("/beranda")

    assert "Sebaran JPM" in page
    assert "81,2%" in page  # mean JPM 81.25, as Indonesians write it (rounded half even)
    assert "40 JP menuju target, seharusnya 146 JP per hari ini" in page
    assert "tertinggal dari laju tahunan" in page
    assert without_training.status_code == 200
    assert "Laju menuju 20 JP" not in without_training.text
    assert "Sebaran JPM" in without_training.text


async def test_beranda_asks_every_api_at_once_not_one_after_another(tmp_path: Path) -> None:
    # Each call waits until all of Beranda's calls are in flight: asked one after
    # another, the first would wait for ever (the timeout only turns that into a failure).
    in_flight = asyncio.Barrier(7)

    class Together(FakeApis):
        async def heatmap(self, agency_code: str | None, depth: int | None) -> Json:
            await in_flight.wait()
            return await super().heatmap(agency_code, depth)

        async def compliance(self, agency_code: str | None, depth: int | None) -> Json:
            await in_flight.wait()
            return await super().compliance(agency_code, depth)

        async def pending_proposals(self) -> int:
            await in_flight.wait()
            return await super().pending_proposals()

        async def jpm(self, agency_code: str | None, depth: int | None) -> list[Json]:
            await in_flight.wait()
            return await super().jpm(agency_code, depth)

        async def jp_pace(self, agency_code: str | None) -> list[Json]:
            await in_flight.wait()
            return await super().jp_pace(agency_code)

        async def overdue_evaluations(self) -> tuple[int, bool]:
            await in_flight.wait()
            return await super().overdue_evaluations()

        async def running_imports(self) -> list[Json]:
            await in_flight.wait()
            return await super().running_imports()

    async with running_console(tmp_path, new_world(), Together) as client:
        await sign_in(client, name="Sari", role="agency_operator", agency="12.73")
        page = await asyncio.wait_for(client.get("/beranda"), timeout=10)

    assert page.status_code == 200
    assert "37,5%" in page.text


async def test_beranda_is_not_for_an_employee(console: Any) -> None:
    client, world = console
    await sign_in(client, name="Siti", role="employee", nip=OWN)

    assert (await client.get("/beranda")).status_code == 403
    assert world["heatmaps"] == []


async def test_an_error_nobody_foresaw_is_a_page_in_bahasa_indonesia(tmp_path: Any) -> None:
    class BrokenApis(FakeApis):
        async def employee(self, nip: str) -> Json:
            raise RuntimeError("a bug")

    world = {"visible": {OWN}, "down": set(), "proposals": []}
    settings = ConsoleSettings(environment="test", auth_dev_key_file=tmp_path / "k.pem")
    app = create_web(
        settings,
        lambda _r, _v: BrokenApis(world),
        lambda **_claims: "token",
        public_survey_for=lambda request: FakePublicSurvey(world, request.client),
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as client:
        await sign_in(client, name="Siti", role="employee", nip=OWN)

        page = await client.get("/profil")

    assert page.status_code == 500
    assert "<h1>Terjadi kesalahan</h1>" in page.text
    assert "a bug" not in page.text


async def test_the_console_serves_its_metrics_by_route_template(console: Any) -> None:
    # The API-call metrics belong to the HTTP adapter, which the bootstrap wires (the
    # fakes here do not): imported as the bootstrap would, whichever test runs first.
    import bangkom.console.adapters.metrics  # noqa: F401

    client, _ = console
    await sign_in(client, name="Siti", role="employee", nip=OWN)
    await client.get("/profil")

    metrics = await client.get("/metrics")

    assert metrics.status_code == 200
    assert 'bangkom_http_requests_total{method="GET",route="/profil",status="200"}' in metrics.text
    assert "bangkom_console_api_calls_total" in metrics.text


def test_no_page_runs_a_dependency_in_a_thread(tmp_path: Any) -> None:
    world: dict[str, Any] = {"visible": {OWN}, "down": set(), "proposals": []}
    settings = ConsoleSettings(environment="test", auth_dev_key_file=tmp_path / "k.pem")
    app = create_web(
        settings,
        lambda _r, _v: FakeApis(world),
        lambda **_claims: "token",
        public_survey_for=lambda request: FakePublicSurvey(world, request.client),
    )
    assert threaded_dependencies(app) == []
