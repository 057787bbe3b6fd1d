"""Katalog dan jadwal on fake APIs: staff search the catalog, open a course with its
sessions and seats, enrol an employee (a seat, then the waitlist) and record how one
completed; an employee does not reach it."""

from __future__ import annotations

from typing import Any

from tests.unit.console.fakes import OTHER, OWN, form_token, sign_in


async def _operator(client: Any) -> None:
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")


async def test_staff_search_the_catalog_and_read_a_course_with_its_sessions(
    console: Any,
) -> None:
    client, world = console
    await _operator(client)

    found = await client.get("/katalog?q=Pelayanan&kompetensi=m.05&moda=kursus")
    missing = await client.get("/katalog?q=Keuangan")
    detail = await client.get("/katalog/PP-1")

    assert 'href="/katalog/PP-1"' in found.text
    assert "M.05: Level 1 → Level 3" in found.text
    assert "Rp1.500.000" in found.text
    assert world["searches"][0] == {"q": "Pelayanan", "competency_code": "M.05"}  # no odd mode
    assert "Tidak ada pelatihan yang cocok." in missing.text
    assert "14 Desember 2026 – 16 Desember 2026" in detail.text
    assert "0 dari 2 (2 tersisa)" in detail.text
    assert "pendaftaran dibuka" in detail.text
    assert (await client.get("/katalog/XX-9")).status_code == 403  # a draft, or no course


async def test_staff_enrol_employees_a_seat_first_then_the_waitlist(console: Any) -> None:
    client, world = console
    world["visible"] = {OWN, OTHER, "1" * 18}
    await _operator(client)
    token = form_token((await client.get("/katalog/PP-1")).text)

    pages = [
        await client.post(
            "/katalog/PP-1/pendaftaran",
            data={"csrf_token": token, "session_code": "PP-1-01", "nip": nip},
        )
        for nip in (OWN, OTHER, "1" * 18)
    ]

    assert f"{OWN} terdaftar di sesi PP-1-01." in pages[0].text
    assert f"{'1' * 18} masuk daftar tunggu sesi PP-1-01 (urutan 3)." in pages[2].text
    assert "2 dari 2 (0 tersisa)" in pages[2].text
    assert "daftar tunggu (urutan 3)" in pages[2].text


async def test_a_wrong_nip_or_an_employee_outside_the_agencies_is_refused(
    console: Any,
) -> None:
    client, world = console
    await _operator(client)
    token = form_token((await client.get("/katalog/PP-1")).text)

    wrong = await client.post(
        "/katalog/PP-1/pendaftaran",
        data={"csrf_token": token, "session_code": "PP-1-01", "nip": "12345"},
    )
    outside = await client.post(
        "/katalog/PP-1/pendaftaran",
        data={"csrf_token": token, "session_code": "PP-1-01", "nip": OTHER},
    )

    assert "NIP terdiri atas 18 angka." in wrong.text
    assert outside.status_code == 403
    assert world["enrolments"] == []


async def test_staff_record_how_an_enrolled_employee_completed(console: Any) -> None:
    client, world = console
    await _operator(client)
    token = form_token((await client.get("/katalog/PP-1")).text)
    await client.post(
        "/katalog/PP-1/pendaftaran",
        data={"csrf_token": token, "session_code": "PP-1-01", "nip": OWN},
    )

    page = await client.post(
        "/katalog/PP-1/penyelesaian/E-1", data={"csrf_token": token, "outcome": "passed"}
    )
    refused = await client.post(
        "/katalog/PP-1/penyelesaian/E-1", data={"csrf_token": token, "outcome": "lulus?"}
    )

    assert f"Penyelesaian {OWN} tercatat: 24 JP." in page.text
    assert "Pilih hasil" in refused.text
    assert world["completed"] == [("E-1", "passed")]


async def test_an_enrolment_without_the_forms_csrf_token_changes_nothing(console: Any) -> None:
    client, world = console
    await _operator(client)

    refused = await client.post(
        "/katalog/PP-1/pendaftaran", data={"session_code": "PP-1-01", "nip": OWN}
    )

    assert refused.status_code == 403
    assert world["enrolments"] == []


async def test_the_catalog_is_not_an_employees_page(console: Any) -> None:
    client, world = console
    await sign_in(client, name="Siti", role="employee", nip=OWN)

    assert (await client.get("/katalog")).status_code == 403
    assert (await client.get("/katalog/PP-1")).status_code == 403
    assert world["searches"] == []


async def test_the_training_service_down_is_named_on_the_catalog(console: Any) -> None:
    client, world = console
    world["down"] = {"training"}
    await _operator(client)

    page = await client.get("/katalog")

    assert page.status_code == 200
    assert "Layanan <strong>Pelatihan (training)</strong> sedang tidak tersedia" in page.text
