"""Evaluasi pascapelatihan on fake APIs: staff list the due evaluations of their
agencies, open one and record its levels; a record that cannot be is named on the
page and nothing is sent; an employee does not reach it."""

from __future__ import annotations

from typing import Any

import pytest

from bangkom.console.domain.evaluations import InvalidRecord, record_from_form
from tests.unit.console.fakes import OWN, form_token, sign_in


async def _operator(client: Any) -> None:
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")


async def test_staff_see_the_due_evaluations_and_record_l2_and_l3(console: Any) -> None:
    client, world = console
    await _operator(client)

    listed = await client.get("/evaluasi")
    assert 'href="/evaluasi/T-1"' in listed.text
    assert "jatuh tempo" in listed.text
    page = await client.get("/evaluasi/T-1")
    assert "1 Desember 2026" in page.text
    token = form_token(page.text)

    learned = await client.post(
        "/evaluasi/T-1/catat",
        data={
            "csrf_token": token,
            "level": "2",
            "score": "86,5",
            "pre_score": "62",
            "level-M.05": "2",
        },
    )
    observed = await client.post(
        "/evaluasi/T-1/catat",
        data={"csrf_token": token, "level": "3", "level-M.05": "3", "note": "Loket lebih tertib"},
    )

    assert "Evaluasi L2 Pembelajaran tercatat." in learned.text
    assert "Evaluasi L3 Perilaku tercatat." in observed.text
    assert "nilai 86,5" in observed.text
    assert "Loket lebih tertib" in observed.text
    l2, l3 = world["evaluations"]["T-1"]["records"]
    assert (l2["score"], l2["pre_score"], l2["competency_levels"]) == (86.5, 62.0, {"M.05": 2})
    assert (l3["level"], l3["competency_levels"], l3["note"]) == (
        3,
        {"M.05": 3},
        "Loket lebih tertib",
    )


async def test_an_l3_without_observed_levels_is_refused_and_nothing_is_sent(
    console: Any,
) -> None:
    client, world = console
    await _operator(client)
    token = form_token((await client.get("/evaluasi/T-1")).text)

    page = await client.post("/evaluasi/T-1/catat", data={"csrf_token": token, "level": "3"})

    assert "L3 (perilaku) mencatat level yang diamati" in page.text
    assert world["evaluations"]["T-1"]["records"] == []


async def test_another_agencys_evaluation_is_tidak_berwenang(console: Any) -> None:
    client, _ = console
    await _operator(client)

    assert (await client.get("/evaluasi/T-2")).status_code == 403


async def test_a_record_without_the_forms_csrf_token_changes_nothing(console: Any) -> None:
    client, world = console
    await _operator(client)

    refused = await client.post("/evaluasi/T-1/catat", data={"level": "1", "score": "90"})

    assert refused.status_code == 403
    assert world["evaluations"]["T-1"]["records"] == []


async def test_evaluations_are_not_an_employees_page(console: Any) -> None:
    client, _ = console
    await sign_in(client, name="Siti", role="employee", nip=OWN)

    assert (await client.get("/evaluasi")).status_code == 403
    assert (await client.get("/evaluasi/T-1")).status_code == 403


@pytest.mark.parametrize(
    ("level", "form", "named"),
    [
        (5, {}, "L1 sampai L4"),
        (1, {"score": "101"}, "0 sampai 100"),
        (1, {"score": "banyak"}, "0 sampai 100"),
        (1, {"pre_score": "50"}, "hanya untuk L2"),
        (4, {"level-M.05": "3"}, "L2 atau L3 saja"),
        (2, {"level-M.05": "7"}, "1 sampai 5"),
    ],
)
def test_a_record_that_cannot_be_names_why(level: int, form: dict[str, str], named: str) -> None:
    with pytest.raises(InvalidRecord, match=named):
        record_from_form(level, form, ["M.05"])


def test_an_l4_score_is_the_units_ikm() -> None:
    assert record_from_form(4, {"score": "88,31"}, ["M.05"]) == {
        "score": 88.31,
        "pre_score": None,
        "competency_levels": {},
        "note": None,
    }
