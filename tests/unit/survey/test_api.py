"""The survey REST API on an embedded SQLite database (events stay in the outbox)."""

import csv
import io
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest

from bangkom.platform.catalog import NeedsAggregated, SurveyStatusChanged
from tests import factories
from tests.unit.survey import builders
from tests.unit.survey.world import World, analyst_answers, world


@pytest.fixture
async def w(tmp_path: Path) -> AsyncIterator[World]:
    async with world(tmp_path) as built:
        yield built


def _resolve(openapi: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return dict(openapi["components"]["schemas"][name])
    return schema


async def test_every_request_body_in_the_openapi_document_has_an_example(w: World) -> None:
    openapi = (await w.http.get("/openapi.json")).json()
    bodies = {
        f"{method.upper()} {path}": _resolve(
            openapi, operation["requestBody"]["content"]["application/json"]["schema"]
        )
        for path, operations in openapi["paths"].items()
        for method, operation in operations.items()
        if "requestBody" in operation
    }

    assert set(bodies) == {
        "POST /surveys",
        "PUT /surveys/{survey_id}",
        "PUT /surveys/{survey_id}/responses/{nip}",
        "PUT /surveys/{survey_id}/supervisor-ratings/{nip}",
        "POST /satisfaction/periods",
        "POST /public/satisfaction/{period_id}/answers",
    }
    assert all(schema.get("examples") for schema in bodies.values()), bodies


async def test_a_draft_previews_its_questionnaire_and_respondents(w: World) -> None:
    created = await w.http.post(
        "/surveys",
        headers=w.operator(w.agency_a),
        json={"title": "AKP 2027", "period": "2027", "agency_codes": [w.agency_a]},
    )
    detail = (await w.http.get(f"/surveys/{created.json()['id']}", headers=w.admin)).json()

    assert detail["status"] == "draft"
    assert detail["respondents_preview"] == 3
    assert [(q["competency_code"], q["competency_name"]) for q in detail["questionnaire"]] == [
        ("M.01", "Integritas"),
        ("M.05", "Pelayanan Publik"),
        ("SK.01", "Perekat Bangsa"),
    ]
    assert detail["questionnaire"][0]["levels"]["1"] == "Integritas level 1"
    assert [e["status"] for e in await w.published(SurveyStatusChanged.TYPE)] == ["draft"]


async def test_a_campaign_from_opening_to_the_needs_it_publishes(w: World) -> None:
    survey = await w.open_survey()
    base = f"/surveys/{survey}"

    answered = await w.http.put(
        f"{base}/responses/{w.analyst}", headers=w.employee(w.analyst), json=analyst_answers(4, 2)
    )
    rated = await w.http.put(
        f"{base}/supervisor-ratings/{w.analyst}",
        headers=w.employee(w.kasubbag),
        json={"levels": [{"competency_code": "M.05", "level": 1}]},
    )
    typed_in = await w.http.put(
        f"{base}/responses/{w.unit_analyst}",
        headers=w.operator(w.agency_a),
        json=analyst_answers(5, 3),
    )
    assert (answered.status_code, rated.status_code, typed_in.status_code) == (200, 200, 200)
    assert typed_in.json()["answered_by"] == f"operator-{w.agency_a}"

    tracking = (await w.http.get(f"{base}/tracking", headers=w.operator(w.agency_a))).json()
    waiting = (
        await w.http.get(f"{base}/respondents?answered=false", headers=w.operator(w.agency_a))
    ).json()["items"]
    closed = await w.http.post(f"{base}/close", headers=w.admin)
    needs = (await w.http.get(f"{base}/needs", headers=w.operator(w.agency_a))).json()

    [agency] = tracking["agencies"]
    assert (agency["eligible"], agency["answered"], agency["rated"]) == (3, 2, 1)
    assert agency["response_rate"] == pytest.approx(2 / 3, abs=1e-4)
    assert {u["agency_code"]: (u["eligible"], u["answered"]) for u in agency["units"]} == {
        w.agency_a: (2, 1),
        w.unit_a: (1, 1),
    }
    assert [p["nip"] for p in waiting] == [w.kasubbag]
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    # M.05: analyst required 3, supervisor 1 -> gap 2; unit analyst 3 - self 3 -> 0.
    # Mean importance (4 + 5) / 2 = 4.5, mean gap 1.0, share 1/2: priority 2.25.
    [a] = needs["agencies"]
    assert (a["agency_code"], a["headcount"], a["respondents"]) == (w.agency_a, 3, 2)
    first, second = a["needs"]
    assert (first["competency_code"], first["rank"], first["priority"]) == ("M.05", 1, 2.25)
    assert (first["mean_importance"], first["mean_gap"]) == (4.5, 1.0)
    assert first["preferred_learning_mode"] == "klasikal"
    assert (second["competency_code"], second["rank"], second["priority"]) == ("M.01", 2, 0.0)

    statuses = await w.published(SurveyStatusChanged.TYPE)
    assert [e["status"] for e in statuses] == ["draft", "open", "closed"]
    [published] = await w.published(NeedsAggregated.TYPE)
    assert (published["agency_code"], published["headcount"], published["period"]) == (
        w.agency_a,
        3,
        "2027",
    )
    assert [(n["competency_code"], n["rank"]) for n in published["needs"]] == [
        ("M.05", 1),
        ("M.01", 2),
    ]


async def test_needs_export_as_csv_and_xlsx_in_either_language(w: World) -> None:
    survey = await w.open_survey()
    await w.http.put(
        f"/surveys/{survey}/responses/{w.analyst}",
        headers=w.employee(w.analyst),
        json=analyst_answers(4, 2),
    )
    await w.http.post(f"/surveys/{survey}/close", headers=w.admin)
    operator = w.operator(w.agency_a)

    as_csv = await w.http.get(f"/surveys/{survey}/needs.csv", headers=operator)
    as_xlsx = await w.http.get(f"/surveys/{survey}/needs.xlsx?lang=en", headers=operator)

    assert as_csv.status_code == 200
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    header, *rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert header[5:8] == ["Peringkat", "Kode kompetensi", "Kompetensi"]
    # analyst alone: M.05 importance 4, gap 3 - 2 = 1, share 1: priority 4
    assert [(r[2], r[5], r[6], r[7], r[13]) for r in rows] == [
        (w.agency_a, "1", "M.05", "Pelayanan Publik", "4.0"),
        (w.agency_a, "2", "M.01", "Integritas", "0.0"),
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(as_xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][5:8] == ("Rank", "Competency code", "Competency")
    assert [(r[6], r[13]) for r in values[1:]] == [("M.05", 4.0), ("M.01", 0.0)]


async def test_out_of_range_values_are_refused_naming_the_field_and_change_nothing(
    w: World,
) -> None:
    survey = await w.open_survey()
    url = f"/surveys/{survey}/responses/{w.analyst}"
    too_high = analyst_answers()
    too_high["answers"][0]["importance"] = 6
    off_form = analyst_answers()
    off_form["answers"][1]["competency_code"] = "SK.01"

    refused = await w.http.put(url, headers=w.employee(w.analyst), json=too_high)
    not_on_form = await w.http.put(url, headers=w.employee(w.analyst), json=off_form)

    assert refused.status_code == 422
    assert refused.json()["field"] == "body.answers[0].importance"
    assert not_on_form.status_code == 422
    assert not_on_form.json()["message"].startswith(
        "Jawaban tidak valid: answers[1].competency_code: SK.01"
    )
    assert (await w.http.get(url, headers=w.employee(w.analyst))).status_code == 404


async def test_answers_are_taken_only_while_open_and_can_be_replaced_until_close(
    w: World,
) -> None:
    created = await w.http.post(
        "/surveys",
        headers=w.admin,
        json={"title": "AKP", "period": "2027", "agency_codes": [w.agency_a]},
    )
    draft = created.json()["id"]
    url = f"/surveys/{draft}/responses/{w.analyst}"
    too_early = await w.http.put(url, headers=w.employee(w.analyst), json=analyst_answers())
    await w.http.post(f"/surveys/{draft}/open", headers=w.admin)
    await w.http.put(url, headers=w.employee(w.analyst), json=analyst_answers(4, 2))
    await w.http.put(url, headers=w.employee(w.analyst), json=analyst_answers(5, 1))
    await w.http.post(f"/surveys/{draft}/close", headers=w.admin)
    too_late = await w.http.put(url, headers=w.employee(w.analyst), json=analyst_answers(1, 5))

    assert too_early.status_code == 409
    assert too_late.status_code == 409
    kept = (await w.http.get(url, headers=w.employee(w.analyst))).json()
    assert (kept["answers"][0]["importance"], kept["answers"][0]["self_level"]) == (5, 1)


async def test_employees_answer_only_for_themselves_and_only_where_eligible(w: World) -> None:
    survey = await w.open_survey()
    base = f"/surveys/{survey}"

    for_someone_else = await w.http.put(
        f"{base}/responses/{w.analyst}", headers=w.employee(w.unit_analyst), json=analyst_answers()
    )
    not_eligible = await w.http.put(
        f"{base}/responses/{w.outsider}", headers=w.employee(w.outsider), json=analyst_answers()
    )
    peek = await w.http.get(f"{base}/responses/{w.analyst}", headers=w.employee(w.unit_analyst))
    tracking = await w.http.get(f"{base}/tracking", headers=w.employee(w.analyst))

    assert for_someone_else.status_code == 403
    assert not_eligible.status_code == 403
    assert "not an eligible respondent" in not_eligible.json()["message"]
    assert peek.status_code == 404
    assert tracking.status_code == 403
    progress = (await w.http.get(f"{base}/tracking", headers=w.admin)).json()
    assert progress["answered"] == 0


async def test_supervisors_rate_only_their_own_subordinates(w: World) -> None:
    survey = await w.open_survey()
    base = f"/surveys/{survey}"
    body = {"levels": [{"competency_code": "M.05", "level": 2}]}

    by_supervisor = await w.http.put(
        f"{base}/supervisor-ratings/{w.unit_analyst}", headers=w.employee(w.kasubbag), json=body
    )
    by_subordinate = await w.http.put(
        f"{base}/supervisor-ratings/{w.kasubbag}", headers=w.employee(w.analyst), json=body
    )
    by_colleague = await w.http.put(
        f"{base}/supervisor-ratings/{w.unit_analyst}", headers=w.employee(w.analyst), json=body
    )
    subordinates = (
        await w.http.get(f"{base}/subordinates", headers=w.employee(w.kasubbag))
    ).json()["items"]
    rated_form = (
        await w.http.get(f"{base}/respondents/{w.unit_analyst}", headers=w.employee(w.kasubbag))
    ).json()

    assert by_supervisor.status_code == 200
    assert by_subordinate.status_code == 403
    assert by_colleague.status_code == 403
    assert {(s["nip"], s["rated_at"] is not None) for s in subordinates} == {
        (w.analyst, False),
        (w.unit_analyst, True),
    }
    assert [(c["competency_code"], c["required_level"]) for c in rated_form["competencies"]] == [
        ("M.01", 3),
        ("M.05", 3),
    ]


async def test_an_operator_of_another_agency_can_neither_see_nor_change_the_survey(
    w: World,
) -> None:
    survey = await w.open_survey()
    await w.http.put(
        f"/surveys/{survey}/responses/{w.analyst}",
        headers=w.employee(w.analyst),
        json=analyst_answers(),
    )
    stranger = w.operator(w.agency_b)
    base = f"/surveys/{survey}"

    refused = {
        "detail": await w.http.get(base, headers=stranger),
        "tracking": await w.http.get(f"{base}/tracking", headers=stranger),
        "response": await w.http.get(f"{base}/responses/{w.analyst}", headers=stranger),
        "answer": await w.http.put(
            f"{base}/responses/{w.analyst}", headers=stranger, json=analyst_answers(1, 1)
        ),
        "close": await w.http.post(f"{base}/close", headers=stranger),
    }
    plan_for_a = await w.http.post(
        "/surveys",
        headers=stranger,
        json={"title": "AKP", "period": "2027", "agency_codes": [w.agency_a]},
    )
    listed = (await w.http.get("/surveys", headers=stranger)).json()["items"]

    assert {name: r.status_code for name, r in refused.items()} == dict.fromkeys(refused, 404)
    assert plan_for_a.status_code == 403
    assert listed == []
    kept = (await w.http.get(f"{base}/responses/{w.analyst}", headers=w.admin)).json()
    assert kept["answers"][0]["importance"] == 4


async def test_in_a_multi_agency_survey_an_operator_sees_only_their_agency(w: World) -> None:
    survey = await w.open_survey(w.agency_a, w.agency_b)
    operator_b = w.operator(w.agency_b)

    close = await w.http.post(f"/surveys/{survey}/close", headers=operator_b)
    tracking = (await w.http.get(f"/surveys/{survey}/tracking", headers=operator_b)).json()
    await w.http.post(f"/surveys/{survey}/close", headers=w.admin)
    needs = (await w.http.get(f"/surveys/{survey}/needs", headers=operator_b)).json()
    all_needs = (await w.http.get(f"/surveys/{survey}/needs", headers=w.admin)).json()

    assert close.status_code == 403
    assert [a["agency_code"] for a in tracking["agencies"]] == [w.agency_b]
    assert [a["agency_code"] for a in needs["agencies"]] == [w.agency_b]
    assert sorted(a["agency_code"] for a in all_needs["agencies"]) == sorted(
        [w.agency_a, w.agency_b]
    )
    assert len(await w.published(NeedsAggregated.TYPE)) == 2


async def test_the_respondents_stay_as_at_opening_unless_an_operator_changes_them(
    w: World,
) -> None:
    survey = await w.open_survey()
    base = f"/surveys/{survey}"
    newcomer = factories.nip()
    await w.consume(
        builders.employee_updated(newcomer, w.agency_a, f"{w.agency_a}-ANALIS", days_ago=1)
    )
    await w.consume(
        builders.employee_updated(w.unit_analyst, w.agency_b, f"{w.agency_b}-ANALIS", days_ago=1)
    )

    before = (await w.http.get(f"{base}/tracking", headers=w.admin)).json()["eligible"]
    not_yet = await w.http.put(
        f"{base}/responses/{newcomer}", headers=w.employee(newcomer), json=analyst_answers()
    )
    included = await w.http.put(f"{base}/respondents/{newcomer}", headers=w.operator(w.agency_a))
    now_in = await w.http.put(
        f"{base}/responses/{newcomer}", headers=w.employee(newcomer), json=analyst_answers()
    )
    excluded = await w.http.delete(
        f"{base}/respondents/{w.kasubbag}",
        params={"reason": "Pensiun 1 Juni"},
        headers=w.operator(w.agency_a),
    )
    after = (await w.http.get(f"{base}/tracking", headers=w.admin)).json()

    assert before == 3  # the unit analyst moved to B after opening and still counts in A
    assert not_yet.status_code == 403
    assert included.status_code == 200
    assert included.json()["added_by"] == f"operator-{w.agency_a}"
    assert now_in.status_code == 200
    assert excluded.json()["exclusion_reason"] == "Pensiun 1 Juni"
    assert (after["eligible"], after["answered"]) == (3, 1)  # + newcomer - kasubbag


async def test_a_second_survey_cannot_open_over_an_open_one(w: World) -> None:
    await w.open_survey(w.agency_a)
    created = await w.http.post(
        "/surveys",
        headers=w.admin,
        json={"title": "Kota", "period": "2027", "agency_codes": [w.agency_a.split(".")[0]]},
    )

    refused = await w.http.post(f"/surveys/{created.json()['id']}/open", headers=w.admin)

    assert refused.status_code == 409
    assert "already open" in refused.json()["message"]


async def test_employees_list_the_surveys_they_answer_and_not_drafts(w: World) -> None:
    open_one = await w.open_survey(w.agency_a)
    await w.http.post(
        "/surveys",
        headers=w.admin,
        json={"title": "Draft", "period": "2028", "agency_codes": [w.agency_a]},
    )

    mine = (await w.http.get("/surveys", headers=w.employee(w.analyst))).json()["items"]
    theirs = (await w.http.get("/surveys", headers=w.employee(w.outsider))).json()["items"]

    assert [s["id"] for s in mine] == [open_one]
    assert theirs == []


async def test_a_survey_names_only_active_agencies_the_evaluation_service_published(
    w: World,
) -> None:
    await w.consume(builders.agency_updated(w.agency_b, active=False, days_ago=1))
    await w.consume(builders.agency_updated(w.agency_b, active=True, days_ago=2))  # older: kept

    def plan(*agencies: str) -> Awaitable[httpx.Response]:
        body = {"title": "AKP", "period": "2027", "agency_codes": list(agencies)}
        return w.http.post("/surveys", headers=w.admin, json=body)

    unknown = await plan(w.agency_a, "99.NOPE")
    closed = await plan(w.agency_b)
    known = await plan(f"{w.agency_a}.PK")

    assert (unknown.status_code, closed.status_code, known.status_code) == (422, 422, 201)
    assert (unknown.json()["code"], unknown.json()["field"]) == (
        "agency_unknown",
        "body.agency_codes",
    )
    assert "instansi 99.NOPE tidak dikenal atau tidak aktif" in unknown.json()["message"]
    assert w.agency_b in closed.json()["message"]
    listed = (await w.http.get("/surveys", headers=w.admin)).json()["items"]
    assert [s["id"] for s in listed] == [known.json()["id"]]  # nothing else was stored
