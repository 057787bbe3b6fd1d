"""SKM through the survey API on SQLite: a unit's operators open a period, the public
answers without an account (the same submission once, a flood refused), the period
closes and its IKM is published as an event."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from bangkom.platform.auth import Role
from bangkom.platform.catalog import PublicSatisfactionPublished
from bangkom.platform.db.messaging import outbox
from bangkom.platform.service import Service
from bangkom.survey.bootstrap import bootstrap
from bangkom.survey.config import SurveySettings
from bangkom.survey.domain.satisfaction import Element
from bangkom.survey.handlers.on_events import on_agency_updated
from tests import factories
from tests.apps import asgi_client, bearer, on_sqlite
from tests.unit.survey import builders

UNIT = "12.73.DISDUKCAPIL"


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    async with on_sqlite(bootstrap, SurveySettings, tmp_path, public_answers_per_minute=8) as s:
        async with s.uow_factory() as uow:  # the unit, as the evaluation service publishes it
            await on_agency_updated(builders.agency_updated(UNIT), uow)  # type: ignore[arg-type]
            await uow.commit()
        yield s


@pytest.fixture
async def client(service: Service) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(service) as client:
        yield client


def _answer(rating: int, submission: str | None = None) -> dict[str, object]:
    return {
        "submission_id": submission or str(uuid.uuid4()),
        "ratings": {e.value: rating for e in Element},
        "suggestion": "Loket <b>pagi</b> ramai",
    }


async def _period(client: httpx.AsyncClient, service: Service, population: int = 1000) -> str:
    operator = bearer(service, Role.AGENCY_OPERATOR, agencies=["12.73"])
    opened = await client.post(
        "/satisfaction/periods",
        headers=operator,
        json={"unit_code": UNIT, "label": "2026 semester 2", "population": population},
    )
    assert opened.status_code == 201, opened.text
    return str(opened.json()["id"])


async def test_the_public_answers_without_an_account_and_the_closed_period_publishes_its_ikm(
    client: httpx.AsyncClient, service: Service
) -> None:
    operator = bearer(service, Role.AGENCY_OPERATOR, agencies=["12.73"])
    period = await _period(client, service)
    form = await client.get(f"/public/satisfaction/{period}")
    repeated = str(uuid.uuid4())
    answers = [
        await client.post(f"/public/satisfaction/{period}/answers", json=body)
        for body in (_answer(4, repeated), _answer(3), _answer(3), _answer(4, repeated))
    ]
    partial = _answer(4)
    del partial["ratings"][Element.SARANA.value]  # type: ignore[attr-defined]
    incomplete = await client.post(f"/public/satisfaction/{period}/answers", json=partial)
    out_of_range = await client.post(f"/public/satisfaction/{period}/answers", json=_answer(5))

    closed = await client.post(f"/satisfaction/periods/{period}/close", headers=operator)
    late = await client.post(f"/public/satisfaction/{period}/answers", json=_answer(4))
    published = await client.get(f"/public/satisfaction/{period}")

    assert (form.status_code, form.json()["status"], len(form.json()["elements"])) == (
        200,
        "open",
        9,
    )
    assert form.json()["ikm"] is None
    assert [a.status_code for a in answers] == [201, 201, 201, 200]  # the repeat: once
    assert answers[3].json() == {"stored": False}
    assert (incomplete.status_code, incomplete.json()["field"]) == (422, "body.ratings")
    assert "sarana_prasarana" in incomplete.json()["message"]
    assert out_of_range.status_code == 422
    score = closed.json()["score"]
    # 4, 3, 3 on every element: NRR 10/3 each, IKM 10/3 = 3.3333, converted 83.33: B
    assert (score["respondents"], score["ikm"], score["converted"], score["grade"]) == (
        3,
        3.3333,
        83.33,
        "B",
    )
    assert "3 dari minimal 278 responden" in score["warning"]
    assert late.status_code == 409
    assert (published.json()["ikm"], published.json()["grade_name"]) == (83.33, "Baik")
    async with service.database.sessions() as session:
        rows = (
            await session.exec(  # type: ignore[call-overload]
                select(outbox.c.data).where(outbox.c.type == PublicSatisfactionPublished.TYPE)
            )
        ).scalars()
        [event] = [PublicSatisfactionPublished.model_validate_json(row) for row in rows]
    assert (event.unit_code, event.respondents, event.grade) == (UNIT, 3, "B")
    assert event.sample_sufficient is False
    assert event.elements[Element.KOMPETENSI.value] == pytest.approx(3.3333)


async def test_a_flood_from_one_address_is_refused_with_retry_after(
    client: httpx.AsyncClient, service: Service
) -> None:
    period = await _period(client, service)

    codes = [
        (await client.post(f"/public/satisfaction/{period}/answers", json=_answer(4))).status_code
        for _ in range(10)
    ]
    refused = await client.post(f"/public/satisfaction/{period}/answers", json=_answer(4))

    assert codes == [201] * 8 + [429] * 2  # 8 a minute from one address
    assert refused.json()["code"] == "too_many_requests"
    assert int(refused.headers["retry-after"]) >= 1


async def test_periods_are_their_units_operators_and_the_public_form_needs_no_token(
    client: httpx.AsyncClient, service: Service
) -> None:
    period = await _period(client, service)
    stranger = bearer(service, Role.AGENCY_OPERATOR, agencies=[factories.agency_code()])
    employee = bearer(service, Role.EMPLOYEE, nip=factories.nip())

    hidden = await client.get(f"/satisfaction/periods/{period}", headers=stranger)
    listed = await client.get("/satisfaction/periods", headers=stranger)
    opening = await client.post(
        "/satisfaction/periods",
        headers=employee,
        json={"unit_code": UNIT, "label": "x", "population": 10},
    )
    closing = await client.post(f"/satisfaction/periods/{period}/close", headers=stranger)
    anonymous = await client.get(f"/satisfaction/periods/{period}")

    assert hidden.status_code == 404
    assert listed.json()["items"] == []
    assert (opening.status_code, closing.status_code, anonymous.status_code) == (403, 404, 401)


async def test_a_period_nobody_answered_publishes_no_ikm(
    client: httpx.AsyncClient, service: Service
) -> None:
    period = await _period(client, service)
    operator = bearer(service, Role.AGENCY_OPERATOR, agencies=["12.73"])

    closed = await client.post(f"/satisfaction/periods/{period}/close", headers=operator)

    assert (closed.status_code, closed.json()["score"]) == (200, None)
    async with service.database.sessions() as session:
        published = (
            await session.exec(  # type: ignore[call-overload]
                select(outbox.c.event_id).where(outbox.c.type == PublicSatisfactionPublished.TYPE)
            )
        ).all()
    assert published == []


async def test_a_period_for_a_unit_nobody_published_is_refused_naming_it(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = bearer(service, Role.PROVINCE_ADMIN)

    refused = await client.post(
        "/satisfaction/periods",
        headers=admin,
        json={"unit_code": "12.73.NOPE", "label": "x", "population": 10},
    )

    assert refused.status_code == 422
    assert (refused.json()["code"], refused.json()["field"]) == ("agency_unknown", "body.unit_code")
    assert "instansi 12.73.NOPE tidak dikenal" in refused.json()["message"]
    listed = await client.get("/satisfaction/periods", headers=admin)
    assert listed.json()["items"] == []
