"""The survey service as a process on real PostgreSQL and Kafka: the roster and
standards arrive as events, closing a survey publishes the aggregated needs, answers
after close are refused, and eligibility and scope hold."""

import json
from collections.abc import AsyncIterator

import httpx
import pytest

from bangkom.platform.auth import Role
from bangkom.platform.catalog import NeedsAggregated, SurveyStatusChanged, topics
from tests.infra import headers, read_topic
from tests.integration.survey.feed import agency_on_the_roster, answers, open_survey, token
from tests.processes import System, running_system

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]


@pytest.fixture(scope="module")
async def system(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    async with running_system(tmp_path_factory.mktemp("survey"), services=("survey",)) as running:
        yield running


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=30) as client:
        yield client


async def test_closing_a_survey_publishes_the_aggregated_needs(
    system: System, http: httpx.AsyncClient
) -> None:
    agency = await agency_on_the_roster(system)
    survey = await open_survey(http, system, agency)
    url = f"{system['survey'].url}/surveys/{survey}"
    operator = token(system, Role.AGENCY_OPERATOR, agencies=[agency.code])

    responded = [
        await http.put(
            f"{url}/responses/{agency.analyst}",
            headers=token(system, Role.EMPLOYEE, nip=agency.analyst),
            json=answers(importance=5, self_level=2),
        ),
        await http.put(
            f"{url}/responses/{agency.unit_analyst}",
            headers=token(system, Role.EMPLOYEE, nip=agency.unit_analyst),
            json=answers(importance=3, self_level=3),
        ),
        await http.put(
            f"{url}/supervisor-ratings/{agency.unit_analyst}",
            headers=token(system, Role.EMPLOYEE, nip=agency.kasubbag),
            json={"levels": [{"competency_code": "M.05", "level": 1}]},
        ),
    ]
    closed = await http.post(f"{url}/close", headers=operator)

    assert [r.status_code for r in responded] == [200, 200, 200]
    assert closed.status_code == 200, closed.text
    needs_topic = f"{system.topic_prefix}{topics.NEEDS.name}"
    records = await read_topic(
        needs_topic, lambda rs: any(r.key == agency.code.encode() for r in rs)
    )
    [record] = [r for r in records if r.key == agency.code.encode()]
    assert headers(record)["ce_type"] == NeedsAggregated.TYPE
    assert headers(record)["ce_source"] == "/bangkom/survey"
    published = NeedsAggregated.model_validate_json(record.value)
    assert (published.survey_id, published.period, published.headcount) == (survey, "2027", 3)
    # M.05 (required 3): analyst self 2 -> gap 1; unit analyst rated 1 by the kasubbag
    # (the supervisor's rating wins over self 3) -> gap 2.
    # Mean importance (5 + 3) / 2 = 4, mean gap (1 + 2) / 2 = 1.5, share 2/2 = 1:
    # priority 4 x 1.5 x 1 = 6. M.01: both at 3 of 3 -> no gap, priority 0.
    first, second = published.needs
    assert (first.competency_code, first.rank, first.respondents) == ("M.05", 1, 2)
    assert (first.mean_importance, first.mean_gap, first.priority) == (4.0, 1.5, 6.0)
    assert (second.competency_code, second.rank, second.priority) == ("M.01", 2, 0.0)

    surveys_topic = f"{system.topic_prefix}{topics.SURVEYS.name}"
    lifecycle = await read_topic(
        surveys_topic,
        lambda rs: sum(r.key == survey.encode() for r in rs) >= 3,
    )
    changes = [
        json.loads(r.value)
        for r in lifecycle
        if r.key == survey.encode() and headers(r)["ce_type"] == SurveyStatusChanged.TYPE
    ]
    assert [c["status"] for c in changes] == ["draft", "open", "closed"]
    assert changes[-1]["agency_codes"] == [agency.code]


async def test_a_response_after_close_is_refused_with_409_and_changes_nothing(
    system: System, http: httpx.AsyncClient
) -> None:
    agency = await agency_on_the_roster(system)
    survey = await open_survey(http, system, agency)
    url = f"{system['survey'].url}/surveys/{survey}"
    analyst = token(system, Role.EMPLOYEE, nip=agency.analyst)
    await http.put(f"{url}/responses/{agency.analyst}", headers=analyst, json=answers(4, 2))
    await http.post(f"{url}/close", headers=token(system, Role.PROVINCE_ADMIN))

    late = await http.put(f"{url}/responses/{agency.analyst}", headers=analyst, json=answers(1, 5))
    first_late = await http.put(
        f"{url}/responses/{agency.unit_analyst}",
        headers=token(system, Role.EMPLOYEE, nip=agency.unit_analyst),
        json=answers(1, 5),
    )
    late_rating = await http.put(
        f"{url}/supervisor-ratings/{agency.analyst}",
        headers=token(system, Role.EMPLOYEE, nip=agency.kasubbag),
        json={"levels": [{"competency_code": "M.05", "level": 5}]},
    )

    assert (late.status_code, first_late.status_code, late_rating.status_code) == (409, 409, 409)
    assert "closed" in late.json()["message"]
    kept = (await http.get(f"{url}/responses/{agency.analyst}", headers=analyst)).json()
    assert (kept["answers"][0]["importance"], kept["answers"][0]["self_level"]) == (4, 2)
    tracking = (
        await http.get(f"{url}/tracking", headers=token(system, Role.PROVINCE_ADMIN))
    ).json()
    assert (tracking["eligible"], tracking["answered"], tracking["agencies"][0]["rated"]) == (
        3,
        1,
        0,
    )


async def test_eligibility_and_scope_are_enforced(system: System, http: httpx.AsyncClient) -> None:
    a = await agency_on_the_roster(system)
    b = await agency_on_the_roster(system)
    survey_a = await open_survey(http, system, a)
    url = f"{system['survey'].url}/surveys/{survey_a}"
    operator_a = token(system, Role.AGENCY_OPERATOR, agencies=[a.code])
    operator_b = token(system, Role.AGENCY_OPERATOR, agencies=[b.code])
    await http.put(
        f"{url}/responses/{a.analyst}",
        headers=token(system, Role.EMPLOYEE, nip=a.analyst),
        json=answers(4, 2),
    )

    # An employee cannot answer for someone else, nor answer a survey they are not in.
    for_a_colleague = await http.put(
        f"{url}/responses/{a.unit_analyst}",
        headers=token(system, Role.EMPLOYEE, nip=a.analyst),
        json=answers(1, 1),
    )
    not_eligible = await http.put(
        f"{url}/responses/{b.analyst}",
        headers=token(system, Role.EMPLOYEE, nip=b.analyst),
        json=answers(1, 1),
    )
    # An operator of B can neither read nor change A's survey and responses.
    as_b = {
        "survey": await http.get(url, headers=operator_b),
        "tracking": await http.get(f"{url}/tracking", headers=operator_b),
        "respondents": await http.get(f"{url}/respondents", headers=operator_b),
        "response": await http.get(f"{url}/responses/{a.analyst}", headers=operator_b),
        "answer": await http.put(
            f"{url}/responses/{a.analyst}", headers=operator_b, json=answers(1, 1)
        ),
        "close": await http.post(f"{url}/close", headers=operator_b),
    }
    planned_for_a = await http.post(
        f"{system['survey'].url}/surveys",
        headers=operator_b,
        json={"title": "AKP", "period": "2027", "agency_codes": [a.code]},
    )
    listed_by_b = await http.get(f"{system['survey'].url}/surveys", headers=operator_b)

    assert for_a_colleague.status_code == 403
    assert not_eligible.status_code == 403
    assert {name: r.status_code for name, r in as_b.items()} == dict.fromkeys(as_b, 404)
    assert planned_for_a.status_code == 403
    assert survey_a not in {s["id"] for s in listed_by_b.json()["items"]}
    # Nothing changed: A's operator still sees one answer, the analyst's own.
    kept = (await http.get(f"{url}/responses/{a.analyst}", headers=operator_a)).json()
    assert kept["answers"][0]["importance"] == 4
    tracking = (await http.get(f"{url}/tracking", headers=operator_a)).json()
    assert (tracking["eligible"], tracking["answered"], tracking["status"]) == (3, 1, "open")
    missing = await http.get(f"{url}/responses/{a.unit_analyst}", headers=operator_a)
    assert missing.status_code == 404
