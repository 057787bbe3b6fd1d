"""Kamus dan standar on fake APIs: staff read the dictionary (any version), the
default standards per position type and their positions' standards; a province admin
changes a type's default standard after seeing what it recalculates; not an
employee's page."""

from __future__ import annotations

from typing import Any

from bangkom.console.domain.dictionary import defaults_table, ordered, position_type
from tests.unit.console.fakes import OWN, form_token, sign_in


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


async def test_an_admin_sees_what_a_new_default_standard_recalculates_then_publishes_it(
    console: Any,
) -> None:
    client, world = console
    await sign_in(client, name="Admin", role="province_admin")
    table = await client.get("/kamus")
    form = await client.get("/kamus/bawaan/pengawas")
    token = form_token(form.text)
    asked = {"csrf_token": token, "note": "Pelayanan dinaikkan", "level-M.05": "4"}

    incomplete = await client.post("/kamus/bawaan/pengawas/pratinjau", data=asked)
    preview = await client.post(
        "/kamus/bawaan/pengawas/pratinjau", data=asked | {"level-SK.01": "3"}
    )

    assert 'href="/kamus/bawaan/pengawas"' in table.text
    assert '<option value="3" selected>Level 3</option>' in form.text  # the current M.05
    assert "Pilih level 1 sampai 5 untuk setiap kompetensi." in incomplete.text
    assert "<strong>1</strong> jabatan mendapat standar baru" in preview.text
    assert "<strong>1.234</strong> pegawai dihitung ulang" in preview.text
    assert "Kasubbag &lt;Umum&gt; (12.73.BKPSDM-PENGAWAS)" in preview.text
    assert world["published"] == []  # a preview publishes nothing
    assert world["previewed"] == [
        {
            "position_type_defaults": {"pengawas": {"M.05": 4, "SK.01": 3}},
            "note": "Pelayanan dinaikkan",
        }
    ]
    confirmed = await client.post(
        "/kamus/bawaan/pengawas/terbitkan",
        data={"csrf_token": form_token(preview.text), "note": "Pelayanan dinaikkan"}
        | {"level-M.05": "4", "level-SK.01": "3"},
    )
    assert "Versi 3 terbit" in confirmed.text
    assert world["published"] == world["previewed"]


async def test_a_refused_preview_is_named_and_only_an_admin_changes_the_standard(
    console: Any,
) -> None:
    client, world = console
    await sign_in(client, name="Admin", role="province_admin")
    token = form_token((await client.get("/kamus/bawaan/pengawas")).text)
    levels = {"level-M.05": "1", "level-SK.01": "3"}

    refused = await client.post(
        "/kamus/bawaan/pengawas/pratinjau", data={"csrf_token": token} | levels
    )
    forged = await client.post(
        "/kamus/bawaan/pengawas/terbitkan", data={"csrf_token": "x"} | levels
    )
    unknown_type = await client.get("/kamus/bawaan/bupati")

    assert "level 1 di bawah batas jabatan pengawas" in refused.text
    assert forged.status_code == 403
    assert unknown_type.status_code == 403
    assert world["published"] == []
    await client.post("/keluar", data={"csrf_token": token})
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    assert "/kamus/bawaan/" not in (await client.get("/kamus")).text
    assert (await client.get("/kamus/bawaan/pengawas")).status_code == 403
