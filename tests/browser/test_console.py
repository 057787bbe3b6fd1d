"""The console in real Chromium (Debian's package, driven by Playwright) over the real
services on Kafka and PostgreSQL: an employee sees only their own profile, an operator
of another agency gets "tidak berwenang", a stopped service shows its banner; every
page passes axe-core with no serious violation and fits a 375 px wide screen. The
screenshots the README shows are made here."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from axe_playwright_python.async_playwright import Axe
from openpyxl import Workbook
from playwright.async_api import Browser, Page, async_playwright
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bangkom.kernel.calendar import WIB
from bangkom.platform.auth.caller import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.settings import ServiceSettings
from tests import builders, factories
from tests.infra import wait_for
from tests.processes import REPOSITORY, System, free_port, running_system

CHROMIUM = Path("/usr/bin/chromium")
# `make screenshots` points this at docs/screenshots, which the README shows.
SCREENSHOTS = Path(os.environ.get("BANGKOM_SCREENSHOTS_DIR", REPOSITORY / "var" / "screenshots"))
SERVICES = ("evaluation", "training", "recommendation", "survey", "career")


@dataclass
class World:
    system: System
    console: str
    agency: str
    other_agency: str
    nip: str
    newcomer: str  # no result yet: the approval test records the first one
    course: str


def _headers(system: System, role: Role, agencies: list[str] | None = None) -> dict[str, str]:
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    token = mint_dev_token(settings, subject="browser-test", roles=[role], agencies=agencies)
    return {"Authorization": f"Bearer {token}"}


async def _course_with_an_open_session(system: System, admin: dict[str, str], agency: str) -> str:
    """Pelayanan Publik (M.05, 1 -> 3) with a session open for enrolment today."""
    course = f"PP-{agency}"
    today = factories.at().astimezone(WIB)
    async with httpx.AsyncClient(timeout=10, base_url=system["training"].url) as http:
        for path, body in (
            (
                "/courses",
                {
                    "code": course,
                    "title": "Pelayanan Publik Prima",
                    "competencies": [{"competency_code": "M.05", "level_from": 1, "level_to": 3}],
                    "jp": 24,
                    "mode": "klasikal",
                    "provider": "BPSDM Provinsi Sumatera Utara",
                    "cost": 1500000,
                },
            ),
            (
                "/sessions",
                {
                    "code": f"{course}-01",
                    "course_code": course,
                    "batch": 1,
                    "starts_on": (today + timedelta(days=7)).date().isoformat(),
                    "ends_on": (today + timedelta(days=9)).date().isoformat(),
                    "capacity": 10,
                    "location": "Aula BKPSDM",
                    "enrolment_opens_at": (today - timedelta(days=1)).isoformat(),
                    "enrolment_closes_at": (today + timedelta(days=5)).isoformat(),
                    "status": "open",
                },
            ),
        ):
            response = await http.put(path, headers=admin, json=body)
            assert response.status_code == 200, response.text
    return course


def _spawn_console(system: System, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "BANGKOM_CONSOLE_HTTP_PORT": str(port),
        "BANGKOM_CONSOLE_ENVIRONMENT": "test",
        "BANGKOM_CONSOLE_AUTH_DEV_KEY_FILE": str(system.dev_key),
        "BANGKOM_CONSOLE_SESSION_SECRET": "browser-test-secret",
        **{f"BANGKOM_CONSOLE_{name.upper()}_URL": system[name].url for name in SERVICES},
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bangkom.console", "serve"],
        cwd=REPOSITORY,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


async def _known_to_survey(system: System, agency: str) -> None:
    """The survey service has consumed the agency's event (it plans surveys only for
    agencies it knows); survey has no read of agencies, so ask its database."""
    engine = create_async_engine(system["survey"].database_url)
    try:

        async def known() -> bool:
            async with engine.connect() as connection:
                found = await connection.execute(
                    text("SELECT count(*) FROM agency WHERE code = :code AND active"),
                    {"code": agency},
                )
                return found.scalar_one() == 1

        await wait_for(known, what=f"survey knows agency {agency}")
    finally:
        await engine.dispose()


@pytest.fixture(scope="module")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    workdir = tmp_path_factory.mktemp("console")
    async with running_system(workdir, services=SERVICES) as system:
        admin = _headers(system, Role.PROVINCE_ADMIN)
        async with httpx.AsyncClient(timeout=10, base_url=system["evaluation"].url) as http:
            agency = await builders.an_agency(http, admin)
            other_agency = await builders.an_agency(http, admin)
            position = await builders.a_position(http, admin, agency, overrides={"M.05": 3})
            nip = await builders.an_employee(http, admin, agency, position)
            for code, level in (("M.01", 2), ("M.05", 2)):  # meets M.01, below M.05 (3)
                recorded = await http.post(
                    "/results",
                    headers=admin,
                    json={
                        "nip": nip,
                        "competency_code": code,
                        "level": level,
                        "method": "assessment_center",
                        "evaluated_at": factories.at(days_ago=1).isoformat(),
                    },
                )
                assert recorded.status_code == 201, recorded.text

        async def recalculated() -> bool:
            async with httpx.AsyncClient(timeout=5) as http:
                url = f"{system['recommendation'].url}/employees/{nip}/gaps"
                found = await http.get(url, headers=admin)
                assessed = [g for g in found.json().get("gaps", []) if g["current_level"]]
                return found.status_code == 200 and len(assessed) == 2

        await wait_for(recalculated, deadline_s=60, what="the employee's gaps")
        await _known_to_survey(system, agency)  # before the survey test plans one for it
        async with httpx.AsyncClient(timeout=10, base_url=system["evaluation"].url) as http:
            newcomer = await builders.an_employee(http, admin, agency, position, supervisor=nip)
        course = await _course_with_an_open_session(system, admin, agency)
        port = free_port()
        console = _spawn_console(system, port, workdir / "console.log")
        url = f"http://127.0.0.1:{port}"

        async def console_up() -> bool:
            if console.poll() is not None:
                raise AssertionError((workdir / "console.log").read_text()[-3000:])
            try:
                async with httpx.AsyncClient(timeout=2) as http:
                    return (await http.get(f"{url}/healthz")).status_code == 200
            except httpx.HTTPError:
                return False

        await wait_for(console_up, deadline_s=30, what="console up")
        try:
            yield World(system, url, agency, other_agency, nip, newcomer, course)
        finally:
            console.terminate()
            console.wait(timeout=10)


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    assert _installed(CHROMIUM), "Debian's chromium is missing: scripts/chromium.sh install"
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            yield launched
        finally:
            await launched.close()


# The tests run in this order; the last stops a service for good.


def _installed(binary: Path) -> bool:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return binary.exists()


async def _signed_in(browser: Browser, world: World, **form: str) -> Page:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    await page.goto(f"{world.console}/masuk")
    await page.fill("#name", form["name"])
    await page.check(f"input[name=role][value={form['role']}]")
    if "agency" in form:
        await page.fill("#agency", form["agency"])
    if "nip" in form:
        await page.fill("#nip", form["nip"])
    await page.click("button[type=submit]")
    return page


async def _accessible(page: Page) -> None:
    results = await Axe().run(page)
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious


async def _fits_a_phone(browser: Browser, url: str, cookies: list) -> None:  # type: ignore[type-arg]
    phone = await browser.new_context(viewport={"width": 375, "height": 740})
    await phone.add_cookies(cookies)
    page = await phone.new_page()
    await page.goto(url)
    overflow = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    wide = await page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)"
        ".map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 8)"
    )
    await phone.close()
    assert overflow <= 0, f"{url} is {overflow} px wider than a 375 px screen: {wide}"


async def test_an_employee_sees_their_own_profile_and_nobody_elses(
    world: World, browser: Browser
) -> None:
    signed_out = await browser.new_page()
    await signed_out.goto(f"{world.console}/masuk")
    await _accessible(signed_out)
    await signed_out.close()
    page = await _signed_in(browser, world, name="Rina Siregar", role="employee", nip=world.nip)

    assert page.url.endswith("/profil")
    assert await page.locator("h1").inner_text() == "Profil saya: Rina Siregar"
    row = page.locator("tr", has_text="M.05 Pelayanan Publik")
    assert await row.locator("td").all_inner_texts() == [
        "Level 3",
        "Level 2",
        "1",
        "di bawah standar",
    ]
    assert await page.locator("td", has_text="belum dinilai").count() >= 1
    await _accessible(page)
    await page.screenshot(path=str(SCREENSHOTS / "profil-saya.png"), full_page=True)
    await _fits_a_phone(browser, page.url, await page.context.cookies())

    async with page.expect_download() as download:
        await page.click("text=Unduh semua data saya")
    saved = Path(await (await download.value).path())
    held = json.loads(await asyncio.to_thread(saved.read_text))
    assert {name: answered["service"] for name, answered in held["layanan"].items()} == {
        name: name for name in SERVICES
    }
    assert held["layanan"]["evaluation"]["tables"]["employee"][0]["nip"] == world.nip

    await page.goto(f"{world.console}/pegawai/{factories.nip()}")
    assert await page.locator("h1").inner_text() == "Tidak berwenang"
    await page.goto(f"{world.console}/pegawai")
    assert await page.locator("h1").inner_text() == "Tidak berwenang"

    await page.click("text=Keluar")
    assert page.url.endswith("/masuk")
    await page.goto(f"{world.console}/profil")
    assert page.url.endswith("/masuk")
    await page.close()


async def test_an_operator_of_another_agency_gets_tidak_berwenang(
    world: World, browser: Browser
) -> None:
    page = await _signed_in(
        browser, world, name="Budi", role="agency_operator", agency=world.other_agency
    )

    await page.goto(f"{world.console}/pegawai/{world.nip}")

    assert await page.locator("h1").inner_text() == "Tidak berwenang"
    assert await page.locator("text=Rina Siregar").count() == 0
    await _accessible(page)
    await page.close()


async def test_a_result_below_standard_brings_a_proposal_without_reloading_and_it_is_accepted(
    world: World, browser: Browser
) -> None:
    queue = await _signed_in(
        browser, world, name="Sari", role="agency_operator", agency=world.agency
    )
    await queue.goto(f"{world.console}/usulan")
    await queue.evaluate("window.notReloaded = true")
    newcomer_row = queue.locator(f"tr[data-nip='{world.newcomer}']")
    assert await newcomer_row.count() == 0

    # In another tab, the operator records the newcomer's first result, below standard.
    employee = await queue.context.new_page()
    await employee.goto(f"{world.console}/pegawai/{world.newcomer}")
    await employee.select_option("#hasil-kompetensi", "M.05")
    await employee.select_option("#hasil-level", "1")
    async with employee.expect_navigation():
        await employee.click("form[action$='/hasil'] button[type=submit]")
    assert "Hasil penilaian M.05 Level 1 tercatat." in await employee.inner_text("main")

    # The queue shows the proposal without being reloaded.
    await newcomer_row.wait_for(timeout=30_000)
    assert await queue.evaluate("window.notReloaded") is True
    assert world.course in await newcomer_row.inner_text()
    assert "Kesenjangan 2 level pada Pelayanan Publik" in await newcomer_row.inner_text()
    await _accessible(queue)
    await queue.screenshot(path=str(SCREENSHOTS / "usulan.png"), full_page=True)
    await _fits_a_phone(browser, queue.url, await queue.context.cookies())

    async with queue.expect_navigation():
        await newcomer_row.locator("button", has_text="Terima").click()
    assert "Usulan diterima." in await queue.inner_text("main")

    # Training enrols; the queue (all statuses) shows it, again without reloading.
    await queue.goto(f"{world.console}/usulan?status=")
    enrolled = queue.locator(f"tr[data-nip='{world.newcomer}'] td.status", has_text="terdaftar")
    await enrolled.wait_for(timeout=30_000)
    await employee.close()
    await queue.close()


async def test_a_live_page_goes_to_sign_in_when_the_session_ends_in_another_tab(
    world: World, browser: Browser
) -> None:
    queue = await _signed_in(
        browser, world, name="Sari", role="agency_operator", agency=world.agency
    )
    await queue.goto(f"{world.console}/usulan")
    other_tab = await queue.context.new_page()
    await other_tab.goto(f"{world.console}/pegawai")

    await other_tab.click("text=Keluar")

    await queue.wait_for_url(f"{world.console}/masuk", timeout=10_000)  # by its own script
    assert await queue.locator("h1").all_inner_texts() == ["Masuk ke konsol bangkom"]
    await queue.context.close()


async def test_an_operator_uploads_a_roster_and_sees_its_bad_row_named(
    world: World, browser: Browser, tmp_path: Path
) -> None:
    good = [factories.nip(), factories.nip()]
    sheet = _roster_workbook(
        tmp_path / "pegawai.xlsx",
        [
            (good[0], "Dewi Nainggolan", world.agency, f"{world.agency}-PENGAWAS"),
            ("19850230", "Baris Salah", world.agency, f"{world.agency}-PENGAWAS"),  # row 3
            (good[1], "Hendra Saragih", world.agency, f"{world.agency}-PENGAWAS"),
        ],
    )
    page = await _signed_in(
        browser, world, name="Sari", role="agency_operator", agency=world.agency
    )
    await page.goto(f"{world.console}/impor")
    await _accessible(page)
    await page.check("input[name=kind][value=roster]")
    await page.set_input_files("#berkas", str(sheet))
    async with page.expect_navigation():
        await page.click("form[action='/impor'] button[type=submit]")

    bad = page.locator("tr.rejected")
    await bad.first.wait_for(timeout=30_000)  # the progress updates itself until done
    assert await bad.count() == 1
    cells = await bad.locator("td").all_inner_texts()
    assert cells[:2] == ["3", "nip"]
    assert "2 disimpan" in await page.inner_text("main")
    await _accessible(page)
    await page.screenshot(path=str(SCREENSHOTS / "impor.png"), full_page=True)
    await _fits_a_phone(browser, page.url, await page.context.cookies())
    await _fits_a_phone(browser, f"{world.console}/impor", await page.context.cookies())
    await page.close()


def _roster_workbook(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["nip", "name", "agency_code", "position_code"])
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


async def test_an_operator_runs_a_survey_that_an_employee_answers(
    world: World, browser: Browser
) -> None:
    admin = _headers(world.system, Role.PROVINCE_ADMIN)

    async def survey_knows_the_employee() -> bool:  # the roster reaches survey on Kafka
        async with httpx.AsyncClient(timeout=5, base_url=world.system["survey"].url) as http:
            found = await http.get(f"/agencies/{world.agency}/respondents", headers=admin)
            supervisors = {e["nip"]: e["supervisor_nip"] for e in found.json()["items"]}
            return world.nip in supervisors and supervisors.get(world.newcomer) == world.nip

    await wait_for(survey_knows_the_employee, deadline_s=60, what="the roster in survey")
    hr = await _signed_in(browser, world, name="Sari", role="agency_operator", agency=world.agency)
    await hr.goto(f"{world.console}/survei")
    await _accessible(hr)
    await _fits_a_phone(browser, hr.url, await hr.context.cookies())
    await hr.fill("#survei-judul", "Analisis Kebutuhan Pelatihan (uji peramban)")
    async with hr.expect_navigation():
        await hr.click("form[action='/survei'] button[type=submit]")
    assert "Survei direncanakan (draf)" in await hr.inner_text("main")
    async with hr.expect_navigation():
        await hr.click("button:has-text('Buka survei')")
    assert "Survei dibuka" in await hr.inner_text("main")
    assert await hr.locator("dd.status").inner_text() == "dibuka"
    await _accessible(hr)
    survey_url = hr.url

    employee = await _signed_in(browser, world, name="Rina Siregar", role="employee", nip=world.nip)
    async with employee.expect_navigation():
        await employee.click("text=Analisis Kebutuhan Pelatihan (uji peramban)")
    await _accessible(employee)
    await _fits_a_phone(browser, employee.url, await employee.context.cookies())
    for select in await employee.locator("select[name^='kepentingan-']").all():
        await select.select_option("5")
    for select in await employee.locator("select[name^='level-']").all():
        await select.select_option("1")
    await employee.select_option("#moda-M\\.05", "klasikal")
    async with employee.expect_navigation():
        await employee.click("button:has-text('Kirim jawaban')")
    assert employee.url.endswith("/profil")
    assert "jawaban survei Anda tersimpan" in await employee.inner_text("main")
    # She supervises the newcomer: she rates him from the same survey.
    async with employee.expect_navigation():
        await employee.click("text=Analisis Kebutuhan Pelatihan (uji peramban)")
    async with employee.expect_navigation():
        await employee.click(f"a[href$='/bawahan/{world.newcomer}']")
    await _accessible(employee)
    await _fits_a_phone(browser, employee.url, await employee.context.cookies())
    await employee.select_option("#nilai-M\\.05", "2")
    async with employee.expect_navigation():
        await employee.click("button:has-text('Simpan penilaian')")
    assert "Penilaian Anda tersimpan." in await employee.inner_text("main")
    assert "dinilai" in await employee.inner_text("section[aria-labelledby=bawahan]")
    await employee.close()

    await hr.goto(survey_url)
    assert "1 dari" in await hr.inner_text("section[aria-labelledby=pemantauan]")
    async with hr.expect_navigation():
        await hr.click("button:has-text('Tutup survei')")
    needs = hr.locator("table.needs")
    assert "M.05 Pelayanan Publik" in await needs.inner_text()
    assert "Klasikal" in await needs.inner_text()
    await _accessible(hr)
    await hr.screenshot(path=str(SCREENSHOTS / "survei.png"), full_page=True)
    await _fits_a_phone(browser, hr.url, await hr.context.cookies())
    async with hr.expect_download() as download:
        await hr.click("text=Unduh kebutuhan (XLSX)")
    assert (await download.value).suggested_filename.endswith(".xlsx")
    await hr.close()


async def test_an_operator_finds_a_course_and_enrols_an_employee(
    world: World, browser: Browser
) -> None:
    page = await _signed_in(
        browser, world, name="Sari", role="agency_operator", agency=world.agency
    )
    await page.goto(f"{world.console}/katalog")
    await page.fill("#cari-teks", world.course)
    async with page.expect_navigation():
        await page.click("form.search button")
    await _accessible(page)
    await _fits_a_phone(browser, page.url, await page.context.cookies())
    async with page.expect_navigation():
        await page.click(f"a[href='/katalog/{world.course}']")
    assert "pendaftaran dibuka" in await page.inner_text(f"tr[data-session='{world.course}-01']")

    await page.fill("#daftar-nip", world.nip)
    async with page.expect_navigation():
        await page.click("button:has-text('Daftarkan')")

    assert f"{world.nip} terdaftar di sesi {world.course}-01." in await page.inner_text("main")
    enrolled = page.locator("tr[data-enrolment]", has_text=world.nip)
    assert "terdaftar" in await enrolled.inner_text()
    await _accessible(page)
    await page.screenshot(path=str(SCREENSHOTS / "katalog.png"), full_page=True)
    await _fits_a_phone(browser, page.url, await page.context.cookies())
    await page.close()


async def test_an_operator_records_a_post_training_evaluation(
    world: World, browser: Browser
) -> None:
    admin = _headers(world.system, Role.PROVINCE_ADMIN)
    async with httpx.AsyncClient(timeout=10, base_url=world.system["training"].url) as http:
        completed = await http.post(
            "/completions",
            headers=admin,
            json={
                "nip": world.nip,
                "source": "certificate",
                "reference": f"SERT-{world.agency}",
                "outcome": "passed",
                "completed_at": factories.at(days_ago=1).isoformat(),
                "course_code": world.course,
            },
        )
        assert completed.status_code == 201, completed.text

    async def scheduled() -> bool:  # the completion reaches evaluation on Kafka
        async with httpx.AsyncClient(timeout=5, base_url=world.system["evaluation"].url) as http:
            found = await http.get("/training-evaluations?limit=200", headers=admin)
            return world.nip in found.text

    await wait_for(scheduled, deadline_s=60, what="the post-training evaluation")
    page = await _signed_in(
        browser, world, name="Sari", role="agency_operator", agency=world.agency
    )
    await page.goto(f"{world.console}/evaluasi?status=")
    await _accessible(page)
    await _fits_a_phone(browser, page.url, await page.context.cookies())
    async with page.expect_navigation():
        await page.click(f"tr[data-evaluation]:has-text('{world.nip}') a")
    await page.select_option("#evaluasi-level", "1")
    await page.fill("#evaluasi-nilai", "87,5")
    await page.fill("#evaluasi-catatan", "Materi relevan, fasilitator baik")
    async with page.expect_navigation():
        await page.click("form[action$='/catat'] button[type=submit]")

    assert "Evaluasi L1 Reaksi tercatat." in await page.inner_text("main")
    assert "nilai 87,5" in await page.inner_text("li[data-level='1']")
    await _accessible(page)
    await page.screenshot(path=str(SCREENSHOTS / "evaluasi.png"), full_page=True)
    await _fits_a_phone(browser, page.url, await page.context.cookies())
    await page.close()


async def test_an_operator_reads_the_dictionary_and_the_positions_standards(
    world: World, browser: Browser
) -> None:
    page = await _signed_in(
        browser, world, name="Sari", role="agency_operator", agency=world.agency
    )
    await page.goto(f"{world.console}/kamus")

    assert "Pelayanan Publik" in await page.inner_text("tr[data-competency='M.05']")
    await _accessible(page)
    await page.screenshot(path=str(SCREENSHOTS / "kamus.png"), full_page=True)
    await _fits_a_phone(browser, page.url, await page.context.cookies())
    await page.click("text=Jabatan dan standarnya")
    await page.wait_for_url("**/kamus/jabatan")
    position = page.locator("li[data-position]", has_text=world.agency).first
    assert "M.05 Pelayanan Publik" in await position.inner_text()
    await _accessible(page)
    await _fits_a_phone(browser, page.url, await page.context.cookies())
    await page.close()


async def test_an_admin_sees_which_positions_a_new_default_standard_would_recalculate(
    world: World, browser: Browser
) -> None:
    page = await _signed_in(browser, world, name="Admin", role="province_admin")
    await page.goto(f"{world.console}/kamus")
    version = await page.inner_text("p.summary")
    await page.click("a[aria-label='Ubah standar bawaan Pengawas']")
    await page.wait_for_url("**/kamus/bawaan/pengawas")
    await _accessible(page)
    await _fits_a_phone(browser, page.url, await page.context.cookies())
    current = await page.input_value("#level-SK\\.01")
    await page.select_option("#level-SK\\.01", "5" if current != "5" else "4")
    async with page.expect_navigation():
        await page.click("button:has-text('Lihat dampaknya')")

    changed = page.locator("tr", has_text=f"({world.agency}-PENGAWAS)")
    assert await changed.count() == 1  # the world's pengawas takes SK.01 from the default
    assert "pegawai dihitung ulang" in await page.inner_text("main")
    await _accessible(page)
    await _fits_a_phone(browser, page.url, await page.context.cookies())
    await page.goto(f"{world.console}/kamus")
    assert await page.inner_text("p.summary") == version  # nothing was published
    await page.close()


async def test_the_public_rates_a_unit_without_signing_in_and_its_operator_prints_the_qr(
    world: World, browser: Browser
) -> None:
    operator = _headers(world.system, Role.AGENCY_OPERATOR, agencies=[world.agency])
    async with httpx.AsyncClient(timeout=10, base_url=world.system["survey"].url) as survey:
        opened = await survey.post(
            "/satisfaction/periods",
            headers=operator,
            json={"unit_code": world.agency, "label": "2026-2", "population": 1000},
        )
        assert opened.status_code == 201, opened.text
        period = opened.json()["id"]

        # A member of the public: a phone, no session.
        phone = await browser.new_context(viewport={"width": 375, "height": 740})
        public = await phone.new_page()
        await public.goto(f"{world.console}/kepuasan/{period}")
        assert await public.locator("fieldset").count() == 9
        assert "Kompetensi pelaksana" in await public.inner_text("main")
        await _accessible(public)
        await _fits_a_phone(browser, public.url, [])
        await public.screenshot(path=str(SCREENSHOTS / "kepuasan.png"), full_page=True)
        for fieldset in await public.locator("fieldset").all():
            await fieldset.locator("input[value='4']").check()
        await public.select_option("#usia", "30-39")
        await public.fill("#saran", "Ruang tunggu <b>sejuk</b>.")
        async with public.expect_navigation():
            await public.click("button[type=submit]")
        assert "Penilaian Anda telah kami terima" in await public.inner_text("main")
        await _accessible(public)
        await phone.close()

        scored = (await survey.get(f"/satisfaction/periods/{period}", headers=operator)).json()
    assert scored["score"]["respondents"] == 1
    assert scored["score"]["converted"] == 100.0

    page = await _signed_in(
        browser, world, name="Sari", role="agency_operator", agency=world.agency
    )
    await page.goto(f"{world.console}/skm")
    async with page.expect_navigation():
        await page.click(f"tr[data-period='{period}'] a[href$='/cetak']")
    assert world.agency in await page.inner_text("main")
    assert await page.evaluate("document.querySelector('img.qr').naturalWidth") > 0
    await _accessible(page)
    await _fits_a_phone(browser, page.url, await page.context.cookies())
    await page.screenshot(path=str(SCREENSHOTS / "skm-cetak.png"), full_page=True)
    await page.goto(f"{world.console}/skm/{period}/laporan")
    assert "A · Sangat Baik" in await page.inner_text("main")
    assert "30-39" in await page.inner_text("table >> nth=1")
    await _accessible(page)
    await _fits_a_phone(browser, page.url, await page.context.cookies())
    async with page.expect_download() as download:
        await page.click("text=seluruh laporan (XLSX)")
    assert (await download.value).suggested_filename.endswith(".xlsx")
    await page.close()


async def test_an_operator_opens_an_employee_and_a_stopped_service_shows_its_banner(
    world: World, browser: Browser
) -> None:
    page = await _signed_in(
        browser, world, name="Sari", role="agency_operator", agency=world.agency
    )
    assert page.url.endswith("/beranda")
    heatmap = page.locator("table.heatmap")
    assert world.agency in await heatmap.inner_text()
    await _accessible(page)
    await page.screenshot(path=str(SCREENSHOTS / "beranda.png"), full_page=True)
    await _fits_a_phone(browser, page.url, await page.context.cookies())
    await page.goto(f"{world.console}/pegawai")
    await page.fill("#cari-pegawai", "siregar")
    async with page.expect_navigation():
        await page.click("form.inline button")
    assert await page.locator(f"tr[data-nip='{world.nip}']").count() == 1  # by name
    await _accessible(page)
    await _fits_a_phone(browser, page.url, await page.context.cookies())
    await page.fill("#cari-pegawai", world.nip)
    await page.click("form.inline button")

    assert await page.locator("h1").inner_text() == "Pegawai: Rina Siregar"
    await _accessible(page)
    await page.screenshot(path=str(SCREENSHOTS / "pegawai.png"), full_page=True)
    await _fits_a_phone(browser, page.url, await page.context.cookies())

    assert world.system["training"].stop() == 0
    await page.reload()

    banner = page.locator("[role=alert]")
    assert "Layanan Pelatihan (training) sedang tidak tersedia" in await banner.inner_text()
    assert await page.locator("h1").inner_text() == "Pegawai: Rina Siregar"  # the rest shows
    assert await page.locator("text=Pelayanan Publik").count() >= 1
    await _accessible(page)
    await page.screenshot(path=str(SCREENSHOTS / "layanan-tidak-tersedia.png"), full_page=True)
    await page.close()
