"""Survei kebutuhan on fake APIs: an operator plans, opens and closes a survey and
reads who answered and the needs; an employee answers the survey assigned to them
from Profil saya; each only where their role fits, every change with CSRF."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from bangkom.console.domain.surveys import InvalidAnswer, next_period, response_from_form
from tests import factories
from tests.unit.console.fakes import OTHER, OWN, form_token, sign_in

COMPETENCY = {"competency_code": "M.05", "competency_name": "Pelayanan Publik"}
SCALE = {"id": "Q2", "text": "Seberapa mudah?", "kind": "scale", "required": False}


async def _operator(client: httpx.AsyncClient) -> str:
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    return form_token((await client.get("/survei")).text)


async def test_an_operator_plans_opens_and_closes_a_survey_and_reads_its_needs(
    console: Any,
) -> None:
    client, world = console
    token = await _operator(client)

    planned = await client.post(
        "/survei",
        data={"csrf_token": token, "title": "AKP 2027", "period": "2027", "agency_codes": ""},
    )
    assert str(planned.url).endswith("/survei/S-1")
    assert "Survei direncanakan (draf)" in planned.text
    assert world["surveys"]["S-1"]["agency_codes"] == ["12.73.BKPSDM"]  # their own agency
    assert "8 pegawai akan menjadi responden" in planned.text

    opened = await client.post("/survei/S-1/buka", data={"csrf_token": token})
    assert "Survei dibuka" in opened.text
    assert "0</strong> dari 8 responden telah mengisi (0%)" in opened.text
    assert "Budi Lubis" in opened.text  # not answered yet

    closed = await client.post("/survei/S-1/tutup", data={"csrf_token": token})
    assert "Survei ditutup" in closed.text
    assert "M.05 Pelayanan Publik" in closed.text
    assert "Klasikal" in closed.text
    workbook = await client.get("/survei/S-1/kebutuhan.xlsx")
    assert workbook.content == b"PK-needs"
    assert "attachment" in workbook.headers["content-disposition"]

    again = await client.post("/survei/S-1/tutup", data={"csrf_token": token})
    assert "tidak mengizinkan" in again.text  # the API's refusal, on the page


async def test_a_survey_change_without_the_forms_csrf_token_changes_nothing(
    console: Any,
) -> None:
    client, world = console
    await _operator(client)

    refused = await client.post("/survei", data={"title": "AKP", "period": "2027"})

    assert refused.status_code == 403
    assert world["surveys"] == {}


async def test_a_plan_with_a_wrong_period_says_what_a_period_is(console: Any) -> None:
    client, world = console
    token = await _operator(client)

    page = await client.post(
        "/survei", data={"csrf_token": token, "title": "AKP", "period": "tahun depan"}
    )

    assert "Periode berupa tahun" in page.text
    assert world["surveys"] == {}


async def test_an_employee_answers_their_survey_from_their_profile(console: Any) -> None:
    client, world = console
    world["surveys"]["S-9"] = {"id": "S-9", "title": "AKP 2027", "status": "open"}
    await sign_in(client, name="Siti", role="employee", nip=OWN)
    profile = await client.get("/profil")
    assert 'href="/profil/survei/S-9"' in profile.text

    form = await client.get("/profil/survei/S-9")
    assert "M.05 Pelayanan Publik (standar Level 3)" in form.text
    assert "Level 3 · Menengah" in form.text
    answered = await client.post(
        "/profil/survei/S-9",
        data={
            "csrf_token": form_token(form.text),
            "kepentingan-M.05": "5",
            "level-M.05": "2",
            "moda-M.05": "e_learning",
            "tambahan-Q1": "Pelayanan prima",
        },
    )

    assert str(answered.url).endswith("/profil")
    assert "jawaban survei Anda tersimpan" in answered.text
    response = world["responses"][("S-9", OWN)]
    assert response["answers"] == [
        {"competency_code": "M.05", "importance": 5, "self_level": 2, "learning_mode": "e_learning"}
    ]
    assert response["extra_answers"] == {"Q1": "Pelayanan prima"}
    again = await client.get("/profil/survei/S-9")
    assert '<option value="5" selected>' in again.text  # the answer shown for changing


async def test_a_supervisor_rates_a_subordinate_what_they_can_judge(console: Any) -> None:
    client, world = console
    world["surveys"]["S-9"] = {"id": "S-9", "title": "AKP 2027", "status": "open"}
    world["subordinates"] = [{"nip": OTHER, "name": "Budi <Staf>", "rated_at": None}]
    await sign_in(client, name="Siti", role="employee", nip=OWN)

    survey = await client.get("/profil/survei/S-9")
    form = await client.get(f"/profil/survei/S-9/bawahan/{OTHER}")
    token = form_token(form.text)
    nothing = await client.post(
        f"/profil/survei/S-9/bawahan/{OTHER}", data={"csrf_token": token, "nilai-M.05": ""}
    )
    rated = await client.post(
        f"/profil/survei/S-9/bawahan/{OTHER}",
        data={"csrf_token": token, "nilai-M.05": "2", "catatan": "Perlu pendampingan"},
    )
    stranger = await client.get(f"/profil/survei/S-9/bawahan/{factories.nip()}")

    assert f'href="/profil/survei/S-9/bawahan/{OTHER}">Budi &lt;Staf&gt;</a>' in survey.text
    assert "belum dinilai" in survey.text
    assert "M.05 Pelayanan Publik (standar Level 3)" in form.text
    assert "Nilai sedikitnya satu kompetensi" in nothing.text
    assert "Penilaian Anda tersimpan." in rated.text
    assert world["ratings"][("S-9", OTHER)]["levels"] == [{"competency_code": "M.05", "level": 2}]
    assert world["ratings"][("S-9", OTHER)]["note"] == "Perlu pendampingan"
    again = await client.get(f"/profil/survei/S-9/bawahan/{OTHER}")
    assert '<option value="2" selected>' in again.text  # the rating shown for changing
    assert stranger.status_code == 403


async def test_an_unanswered_required_question_is_named_and_nothing_is_sent(
    console: Any,
) -> None:
    client, world = console
    world["surveys"]["S-9"] = {"id": "S-9", "title": "AKP 2027", "status": "open"}
    await sign_in(client, name="Siti", role="employee", nip=OWN)
    token = form_token((await client.get("/profil/survei/S-9")).text)

    page = await client.post(
        "/profil/survei/S-9",
        data={"csrf_token": token, "kepentingan-M.05": "5", "level-M.05": "2"},
    )

    assert "Jawab pertanyaan: Pelatihan apa yang Anda butuhkan?" in page.text
    assert world["responses"] == {}


async def test_surveys_are_staff_pages_and_the_questionnaire_is_the_employees(
    console: Any,
) -> None:
    client, world = console
    world["surveys"]["S-9"] = {"id": "S-9", "title": "AKP 2027", "status": "open"}
    await sign_in(client, name="Siti", role="employee", nip=OWN)
    assert (await client.get("/survei")).status_code == 403
    assert (await client.get("/survei/S-9")).status_code == 403

    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")
    assert (await client.get("/profil/survei/S-9")).status_code == 403


async def test_the_survey_service_down_is_named_and_the_profile_still_shows(
    console: Any,
) -> None:
    client, world = console
    world["down"] = {"survey"}
    await sign_in(client, name="Siti", role="employee", nip=OWN)

    page = await client.get("/profil")

    assert "Layanan <strong>Survei (survey)</strong> sedang tidak tersedia" in page.text
    assert "Pelayanan Publik" in page.text


def test_a_form_becomes_the_survey_apis_response() -> None:
    form = {"kepentingan-M.05": "4", "level-M.05": "1", "tambahan-Q2": "3", "komentar": " "}

    response = response_from_form(form, [COMPETENCY], [SCALE])

    assert response == {
        "answers": [
            {"competency_code": "M.05", "importance": 4, "self_level": 1, "learning_mode": None}
        ],
        "extra_answers": {"Q2": 3},
        "comment": None,
    }


@pytest.mark.parametrize(
    ("form", "named"),
    [
        ({"level-M.05": "1"}, "kepentingan M.05"),
        ({"kepentingan-M.05": "4", "level-M.05": "6"}, "level Anda pada M.05"),
        ({"kepentingan-M.05": "4", "level-M.05": "2", "moda-M.05": "kursus"}, "Moda belajar"),
        ({"kepentingan-M.05": "4", "level-M.05": "2", "tambahan-Q2": "x"}, "jawaban skala"),
    ],
)
def test_a_form_answer_out_of_range_names_its_question(form: dict[str, str], named: str) -> None:
    with pytest.raises(InvalidAnswer, match=named):
        response_from_form(form, [COMPETENCY], [SCALE])


def test_a_survey_plans_next_years_budget() -> None:
    assert next_period(date(2026, 8, 1)) == "2027"
