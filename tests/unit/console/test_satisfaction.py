"""Survei kepuasan masyarakat on fake APIs: a member of the public answers a unit's form
without signing in (CSRF-safe, text escaped, the survey's refusals in their words); the
unit's HR office prints the period's QR code; the adapter forwards the visitor's
address so the survey's rate falls on each visitor."""

from __future__ import annotations

import io
import re
from typing import Any

import httpx
import pytest
import segno

from bangkom.console.adapters.public_survey import PublicSurveyApi
from bangkom.console.handlers.ports import AnswerRefused
from tests.unit.console.fakes import SKM_ELEMENTS, form_token, sign_in, skm_period

PERIOD = "0f1e2d3c-4b5a-4968-8776-655443322110"
OTHERS = "9f8e7d6c-5b4a-4392-8181-706050403020"


def _complete(token: str, page: str, **extra: str) -> dict[str, str]:
    """Every element rated 3, the form's CSRF token and submission id."""
    found = re.search(r'name="submission_id" value="([^"]+)"', page)
    assert found
    fields = {f"unsur-{element}": "3" for element in SKM_ELEMENTS}
    return {"csrf_token": token, "submission_id": found.group(1), **fields, **extra}


async def test_the_public_answers_without_signing_in_and_is_thanked(console: Any) -> None:
    client, world = console
    world["periods"][PERIOD] = skm_period(PERIOD)

    page = await client.get(f"/kepuasan/{PERIOD}")
    sent = await client.post(
        f"/kepuasan/{PERIOD}",
        data=_complete(
            form_token(page.text),
            page.text,
            jenis_kelamin="perempuan",
            usia="30-39",
            pendidikan="s1",
            pekerjaan="Pedagang",
            layanan="KTP elektronik",
            saran="Antrean pagi perlu ditambah petugas.",
        ),
    )

    assert page.status_code == 200
    assert [name in page.text for name in SKM_ELEMENTS.values()] == [True] * 9
    assert "4 · Sangat baik" in page.text
    assert "Keluar" not in page.text  # nobody is signed in
    assert str(sent.url).endswith(f"/kepuasan/{PERIOD}/terima-kasih")
    assert "Penilaian Anda telah kami terima" in sent.text
    [(period, _visitor, answer)] = world["public_answers"]
    assert period == PERIOD
    assert answer["ratings"] == dict.fromkeys(SKM_ELEMENTS, 3)
    assert answer["respondent"] == {
        "gender": "perempuan",
        "age_band": "30-39",
        "education": "s1",
        "occupation": "Pedagang",
        "service_used": "KTP elektronik",
    }
    assert answer["suggestion"] == "Antrean pagi perlu ditambah petugas."


async def test_the_respondents_data_may_be_left_out(console: Any) -> None:
    client, world = console
    world["periods"][PERIOD] = skm_period(PERIOD)
    page = await client.get(f"/kepuasan/{PERIOD}")

    await client.post(f"/kepuasan/{PERIOD}", data=_complete(form_token(page.text), page.text))

    [(_period, _visitor, answer)] = world["public_answers"]
    assert (answer["respondent"], answer["suggestion"]) == ({}, "")


async def test_an_element_left_unrated_is_named_and_the_rest_is_kept_escaped(
    console: Any,
) -> None:
    client, world = console
    world["periods"][PERIOD] = skm_period(PERIOD)
    page = await client.get(f"/kepuasan/{PERIOD}")
    fields = _complete(form_token(page.text), page.text, saran="<script>alert(1)</script>")
    del fields["unsur-perilaku_pelaksana"]

    refused = await client.post(f"/kepuasan/{PERIOD}", data=fields)

    assert refused.status_code == 422
    assert "Beri nilai 1 sampai 4 untuk unsur Perilaku pelaksana." in refused.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in refused.text
    assert "<script>alert(1)" not in refused.text
    assert 'name="unsur-persyaratan" value="3" required\n      checked' in refused.text
    assert fields["submission_id"] in refused.text  # sent again, it is the same submission
    assert world["public_answers"] == []


async def test_an_answer_without_the_forms_csrf_token_is_not_sent(console: Any) -> None:
    client, world = console
    world["periods"][PERIOD] = skm_period(PERIOD)
    page = await client.get(f"/kepuasan/{PERIOD}")

    forged = await client.post(f"/kepuasan/{PERIOD}", data=_complete("forged", page.text))

    assert forged.status_code == 403
    assert "Formulir ini kedaluwarsa" in forged.text
    assert world["public_answers"] == []


async def test_the_surveys_refusals_are_shown_in_their_words_with_their_status(
    console: Any,
) -> None:
    client, world = console
    world["periods"][PERIOD] = skm_period(PERIOD)
    page = await client.get(f"/kepuasan/{PERIOD}")
    fields = _complete(form_token(page.text), page.text)

    world["public_refusal"] = (429, 42)
    flooded = await client.post(f"/kepuasan/{PERIOD}", data=fields)
    world["public_refusal"] = (409, None)
    closed = await client.post(f"/kepuasan/{PERIOD}", data=fields)

    assert flooded.status_code == 429
    assert flooded.headers["Retry-After"] == "42"
    assert "Silakan coba lagi dalam 42 detik" in flooded.text
    assert closed.status_code == 409
    assert "sudah ditutup" in closed.text


async def test_a_closed_period_shows_its_ikm_instead_of_the_form(console: Any) -> None:
    client, world = console
    world["periods"][PERIOD] = skm_period(PERIOD, status="closed") | {
        "ikm": 82.5,
        "grade": "B",
        "grade_name": "Baik",
    }

    page = await client.get(f"/kepuasan/{PERIOD}")

    assert "sudah ditutup" in page.text
    assert "<strong>82.50</strong>" in page.text
    assert "mutu B, Baik" in page.text
    assert 'type="radio"' not in page.text


async def test_an_unknown_period_is_a_404_page_and_has_no_qr_code(console: Any) -> None:
    client, _world = console

    unknown = await client.get(f"/kepuasan/{PERIOD}")
    not_an_id = await client.get("/kepuasan/..%2F..%2Fetc")
    qr = await client.get(f"/kepuasan/{PERIOD}/qr.svg")

    assert unknown.status_code == 404
    assert "Survei tidak ditemukan" in unknown.text
    assert not_an_id.status_code == 404
    assert qr.status_code == 404


async def test_the_units_operator_prints_the_qr_code_of_its_period(console: Any) -> None:
    client, world = console
    world["periods"][PERIOD] = skm_period(PERIOD)
    world["periods"][OTHERS] = skm_period(OTHERS, unit_code="12.73.DINKES")
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")

    listed = await client.get("/skm")
    printable = await client.get(f"/skm/{PERIOD}/cetak")
    others = await client.get(f"/skm/{OTHERS}/cetak")
    svg = await client.get(f"/kepuasan/{PERIOD}/qr.svg")

    assert f'href="/skm/{PERIOD}/cetak"' in listed.text
    assert OTHERS not in listed.text
    url = f"http://console/kepuasan/{PERIOD}"
    assert f'src="/kepuasan/{PERIOD}/qr.svg"' in printable.text
    assert f'<a href="{url}">' in printable.text
    assert others.status_code == 403
    assert svg.headers["content-type"] == "image/svg+xml"
    # Exactly the symbol segno makes of the form's address.
    expected = io.BytesIO()
    segno.make(url, error="m").save(
        expected, kind="svg", scale=10, border=4, title=f"Kode QR: {url}"
    )
    assert svg.content == expected.getvalue()


async def test_the_operator_reads_the_report_and_downloads_it(console: Any) -> None:
    client, world = console
    world["periods"][PERIOD] = skm_period(PERIOD)
    world["periods"][OTHERS] = skm_period(OTHERS, unit_code="12.73.DINKES")
    await sign_in(client, name="Sari", role="agency_operator", agency="12.73.BKPSDM")

    page = await client.get(f"/skm/{PERIOD}/laporan")
    workbook = await client.get(f"/skm/{PERIOD}/laporan.xlsx")
    table = await client.get(f"/skm/{PERIOD}/laporan-responden.csv")
    unknown_table = await client.get(f"/skm/{PERIOD}/laporan-semua.csv")
    others = await client.get(f"/skm/{OTHERS}/laporan")

    assert "<dd>C · Kurang Baik</dd>" in page.text
    assert "Sampel belum memadai" in page.text
    assert "&lt;i&gt;perempuan&lt;/i&gt;" in page.text  # what respondents typed, escaped
    assert f'href="/skm/{PERIOD}/laporan-unsur.csv"' in page.text
    assert workbook.content == b"PK-skm"
    assert "attachment" in workbook.headers["content-disposition"]
    assert table.headers["content-type"].startswith("text/csv")
    assert world["report_files"] == ["xlsx", "csv:groups"]
    assert str(unknown_table.url).endswith("/skm")
    assert others.status_code == 403


async def test_an_employee_has_no_skm_pages(console: Any) -> None:
    client, world = console
    world["periods"][PERIOD] = skm_period(PERIOD)
    await sign_in(client, name="Siti", role="employee", nip="198503152010012003")

    refused = await client.get("/skm")

    assert refused.status_code == 403


async def test_the_adapter_forwards_the_visitors_address_and_reads_retry_after() -> None:
    seen: list[httpx.Request] = []

    def survey(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(429, headers={"Retry-After": "17"}, json={"code": "x"})

    client = httpx.AsyncClient(transport=httpx.MockTransport(survey))
    public = PublicSurveyApi(client, "http://survey", visitor="203.0.113.9")

    with pytest.raises(AnswerRefused) as refused:
        await public.answer(PERIOD, {"submission_id": PERIOD})

    assert (refused.value.status, refused.value.retry_after) == (429, 17)
    [request] = seen
    assert request.headers["X-Forwarded-For"] == "203.0.113.9"
    assert "Authorization" not in request.headers
    assert str(request.url) == f"http://survey/public/satisfaction/{PERIOD}/answers"
