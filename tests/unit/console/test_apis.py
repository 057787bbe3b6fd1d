"""The console's one adapter to the services: how each answer of an API reaches a page
(data, "tidak berwenang", a service named in the banner, signing in again)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from bangkom.console.adapters.apis import HttpApis
from bangkom.console.config import ConsoleSettings
from bangkom.console.handlers.ports import NotAuthorised, ServiceUnavailable, SessionExpired
from tests import factories

URLS = {name: f"http://{name}" for name in ConsoleSettings().service_urls}
NIP = factories.nip()
Answer = Callable[[httpx.Request], httpx.Response]


def _apis(answer: Answer) -> HttpApis:
    client = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    return HttpApis(client, URLS, token="the-persons-token")


def _always(status: int, body: object = None) -> Answer:
    return lambda _request: httpx.Response(status, json=body)


def _down(exception: type[httpx.TransportError]) -> Answer:
    def answer(request: httpx.Request) -> httpx.Response:
        raise exception("no answer", request=request)

    return answer


async def test_every_call_carries_the_persons_own_token() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["authorization"])
        return httpx.Response(200, json={"nip": NIP})

    await _apis(answer).employee(NIP)

    assert seen == ["Bearer the-persons-token"]


@pytest.mark.parametrize(
    "answer",
    [
        _down(httpx.ConnectError),
        _down(httpx.ReadTimeout),
        _always(500, {"code": "internal_error"}),
        _always(503, {"code": "service_unavailable"}),
    ],
    ids=["refused", "timed-out", "500", "503"],
)
async def test_a_service_that_does_not_answer_is_named(answer: Answer) -> None:
    with pytest.raises(ServiceUnavailable) as down:
        await _apis(answer).ledger(NIP)

    assert down.value.service == "training"


async def test_a_403_of_any_service_is_not_authorised() -> None:
    with pytest.raises(NotAuthorised):
        await _apis(_always(403, {"code": "forbidden"})).gaps(NIP)


async def test_a_404_hides_the_employee_only_where_their_record_lives() -> None:
    apis = _apis(_always(404, {"code": "not_found"}))

    with pytest.raises(NotAuthorised):
        await apis.employee(NIP)  # evaluation owns the roster: not in the person's scope
    assert await apis.gaps(NIP) is None  # recommendation has not recalculated them yet


async def test_a_refused_token_asks_the_person_to_sign_in_again() -> None:
    apis = _apis(_always(401, {"code": "invalid_token"}))

    with pytest.raises(SessionExpired):
        await apis.proposals(NIP)
    with pytest.raises(SessionExpired):
        await apis.decide("P-1", accept=True, reason=None)


async def test_the_persons_data_is_asked_of_every_service_career_too() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path == f"/personal-data/{NIP}"
        service = request.url.host
        return httpx.Response(200, json={"service": service, "nip": NIP, "tables": {}})

    held = await _apis(answer).personal_data(NIP)

    assert {name: answered["service"] for name, answered in held.items()} == {
        name: name for name in ("evaluation", "training", "survey", "recommendation", "career")
    }


async def test_lists_are_read_from_the_page_envelope() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        more = 1 if request.url.path == "/training-evaluations" else None
        total = 1234 if request.url.path == "/proposals" else None
        page = {"items": [{"id": "P-1"}], "total": total, "limit": 50, "offset": 0}
        return httpx.Response(200, json={**page, "next_offset": more})

    apis = _apis(answer)

    assert await apis.proposals(NIP) == [{"id": "P-1"}]
    assert await apis.pending_proposals() == 1234  # the service's count, not one page
    assert await apis.overdue_evaluations() == (1, True)


async def test_each_call_to_a_service_is_counted_by_outcome_and_timed() -> None:
    from prometheus_client import REGISTRY

    def count(outcome: str) -> float:
        labels = {"service": "evaluation", "method": "GET", "outcome": outcome}
        return REGISTRY.get_sample_value("bangkom_console_api_calls_total", labels) or 0.0

    before = {outcome: count(outcome) for outcome in ("ok", "not_authorised", "unavailable")}
    await _apis(_always(200, {"nip": NIP})).employee(NIP)
    with pytest.raises(NotAuthorised):
        await _apis(_always(404)).employee(NIP)
    with pytest.raises(ServiceUnavailable):
        await _apis(_down(httpx.ConnectError)).employee(NIP)

    assert {outcome: count(outcome) - before[outcome] for outcome in before} == {
        "ok": 1.0,
        "not_authorised": 1.0,
        "unavailable": 1.0,
    }
    timed = REGISTRY.get_sample_value(
        "bangkom_console_api_call_duration_seconds_count",
        {"service": "evaluation", "method": "GET"},
    )
    assert timed is not None
    assert timed >= 3
