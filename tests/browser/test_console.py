"""The console in real Chromium (Debian's package, driven by Playwright) over the real
services on Kafka and PostgreSQL: an employee sees only their own profile, an operator
of another agency gets "tidak berwenang", a stopped service shows its banner; every
page passes axe-core with no serious violation and fits a 375 px wide screen. The
screenshots the README shows are made here."""

from __future__ import annotations

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
SERVICES = ("evaluation", "training", "recommendation")


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
        "BANGKOM_CONSOLE_SURVEY_URL": f"http://127.0.0.1:{free_port()}",  # not started
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bangkom.console", "serve"],
        cwd=REPOSITORY,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


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
        async with httpx.AsyncClient(timeout=10, base_url=system["evaluation"].url) as http:
            newcomer = await builders.an_employee(http, admin, agency, position)
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
    await page.fill("#cari-nip", world.nip)
    await page.click("form.inline button")

    assert await page.locator("h1").inner_text() == "Pegawai: Rina Siregar"
    await _accessible(page)
    await page.screenshot(path=str(SCREENSHOTS / "pegawai.png"), full_page=True)
    await _fits_a_phone(browser, page.url, await page.context.cookies())

    assert world.system["training"].stop() == 0
    await page.reload()

    banner = page.locator("[role=alert]")
    assert "Layanan training sedang tidak tersedia" in await banner.inner_text()
    assert await page.locator("h1").inner_text() == "Pegawai: Rina Siregar"  # the rest shows
    assert await page.locator("text=Pelayanan Publik").count() >= 1
    await _accessible(page)
    await page.screenshot(path=str(SCREENSHOTS / "layanan-tidak-tersedia.png"), full_page=True)
    await page.close()
