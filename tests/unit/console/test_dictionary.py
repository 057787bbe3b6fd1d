"""Kamus dan standar on fake APIs: staff read the dictionary (any version), the
default standards per position type and their positions' standards; read-only; not
an employee's page."""

from __future__ import annotations

from typing import Any

from bangkom.console.domain.dictionary import defaults_table, ordered, position_type
from tests.unit.console.fakes import OWN, sign_in


async def test_staff_read_the_dictionary_in_the_regulations_order(console: Any) -> None:
    client, _ = console
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")

    page = await client.get("/kamus")
    older = await client.get("/kamus?versi=1")

    assert "Versi <strong>2</strong>, terbit 5 Desember 2026" in page.text
    assert page.text.index('data-competency="M.05"') < page.text.index('data-competency="SK.01"')
    assert "Sosial kultural" in page.text
    assert "JPT pratama" in page.text
    assert 'href="/kamus?versi=1"' in page.text
    assert "Versi <strong>1</strong>" in older.text
    assert "<form" not in page.text.split("</header>")[1]  # read-only: no form past the top
    assert (await client.get("/kamus?versi=9")).status_code == 403


async def test_staff_read_each_positions_standard_and_where_each_level_comes_from(
    console: Any,
) -> None:
    client, _ = console
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")

    page = await client.get("/kamus/jabatan")

    assert "Kepala Subbagian Umum" in page.text
    assert "M.05 Pelayanan Publik</th><td>Level 4</td>" in page.text
    assert "ditetapkan jabatan" in page.text
    assert "bawaan jenis jabatan" in page.text


async def test_the_dictionary_is_not_an_employees_page(console: Any) -> None:
    client, _ = console
    await sign_in(client, name="Siti", role="employee", nip=OWN)

    assert (await client.get("/kamus")).status_code == 403
    assert (await client.get("/kamus/jabatan")).status_code == 403


async def test_the_evaluation_service_down_is_named_on_the_dictionary(console: Any) -> None:
    client, world = console
    world["down"] = {"evaluation"}
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")

    for path in ("/kamus", "/kamus/jabatan"):
        page = await client.get(path)
        assert page.status_code == 200
        assert "Layanan <strong>Penilaian (evaluation)</strong>" in page.text


def test_default_standards_are_a_table_of_types_by_competency() -> None:
    codes, rows = defaults_table({"pengawas": {"M.05": 3, "SK.01": 3}, "jpt_pratama": {"M.05": 4}})

    assert codes == ["M.05", "SK.01"]
    assert rows == [("jpt_pratama", [4, None]), ("pengawas", [3, 3])]


def test_competencies_read_manajerial_then_sosial_kultural_then_teknis() -> None:
    found = ordered(
        [
            {"code": "T.KEU.01", "group": "teknis"},
            {"code": "SK.01", "group": "sosial_kultural"},
            {"code": "M.02", "group": "manajerial"},
        ]
    )

    assert [c["code"] for c in found] == ["M.02", "SK.01", "T.KEU.01"]
    assert position_type("fungsional_ahli_muda") == "Fungsional ahli muda"
