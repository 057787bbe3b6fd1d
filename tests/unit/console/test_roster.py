"""Pegawai on fake APIs: staff search the roster of their agencies by name or the
start of a NIP, a page at a time; a whole NIP opens the employee; not for employees."""

from __future__ import annotations

from typing import Any

from tests.unit.console.fakes import OTHER, OWN, sign_in


async def _operator(client: Any) -> None:
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")


async def test_staff_search_the_roster_by_name_and_page_through_it(console: Any) -> None:
    client, world = console
    world["visible"] = {OWN, OTHER}
    await _operator(client)

    everyone = await client.get("/pegawai")
    named = await client.get("/pegawai?q=++siregar+")
    nobody = await client.get("/pegawai?q=Nainggolan")

    assert everyone.text.count('<tr data-nip="') == 2
    assert 'href="/pegawai?q=&amp;offset=20"' in everyone.text  # the next page
    assert f'href="/pegawai/{OTHER}"' in named.text
    assert f'href="/pegawai/{OWN}"' not in named.text
    assert "Tidak ada pegawai yang cocok dengan “Nainggolan”" in nobody.text
    assert world["roster_searches"] == [("", 0), ("siregar", 0), ("Nainggolan", 0)]


async def test_a_whole_nip_opens_the_employee(console: Any) -> None:
    client, world = console
    await _operator(client)

    opened = await client.get(f"/pegawai?q={OWN}", follow_redirects=False)

    assert opened.headers["location"] == f"/pegawai/{OWN}"
    assert world["roster_searches"] == []


async def test_the_roster_shows_only_what_the_api_shows_the_person(console: Any) -> None:
    client, world = console
    world["visible"] = set()  # another agency's operator: the API shows nobody
    await _operator(client)

    page = await client.get("/pegawai?q=siregar")

    assert "Budi Siregar" not in page.text
    assert "Tidak ada pegawai yang cocok" in page.text


async def test_the_evaluation_service_down_is_named_on_the_roster(console: Any) -> None:
    client, world = console
    world["down"] = {"evaluation"}
    await _operator(client)

    page = await client.get("/pegawai?q=siregar")

    assert page.status_code == 200
    assert "Layanan <strong>Penilaian (evaluation)</strong>" in page.text
