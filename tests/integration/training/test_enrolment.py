"""Seats under concurrent requests from two replicas, and the waitlist, on the real
PostgreSQL and Kafka."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from bangkom.platform.auth import Role
from bangkom.platform.catalog import EnrolmentChanged
from tests import factories
from tests.infra import wait_for
from tests.integration.training.harness import (
    Training,
    open_session,
    replica,
    roster,
    running_training,
)

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]

PEOPLE = 16
CAPACITY = 5


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Training]:
    async with running_training(tmp_path) as running:
        yield running


async def test_concurrent_enrolments_take_exactly_the_seats_and_the_rest_wait(
    service: Training,
) -> None:
    agency = factories.agency_code()
    nips = await roster(service, PEOPLE, agency)
    session = await open_session(service, CAPACITY)
    other = replica(service)
    operator = service.auth(Role.AGENCY_OPERATOR, agencies=[agency])
    transport = httpx.ASGITransport(app=other.app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://replica") as second:
            clients = [service.http, second]
            # Every request at once, alternating between the two replicas.
            responses = await asyncio.gather(
                *(
                    clients[i % 2].post(
                        "/enrolments", headers=operator, json={"session_code": session, "nip": nip}
                    )
                    for i, nip in enumerate(nips)
                )
            )
    finally:
        await other.database.dispose()

    assert [r.status_code for r in responses] == [201] * PEOPLE, [r.text for r in responses]
    statuses = [r.json()["status"] for r in responses]
    assert statuses.count("enrolled") == CAPACITY
    assert statuses.count("waitlisted") == PEOPLE - CAPACITY
    queue = sorted(r.json()["queue_number"] for r in responses)
    assert queue == list(range(1, PEOPLE + 1))
    # The seats went to the first five in queue order, whoever's request ran first.
    by_queue = sorted((r.json() for r in responses), key=lambda e: e["queue_number"])
    assert [e["status"] for e in by_queue] == ["enrolled"] * CAPACITY + ["waitlisted"] * (
        PEOPLE - CAPACITY
    )
    async with service.service.database.engine.connect() as connection:
        seated = await connection.scalar(
            text("SELECT count(*) FROM enrolment WHERE session_code = :s AND status = 'enrolled'"),
            {"s": session},
        )
    assert seated == CAPACITY


async def test_a_cancellation_promotes_the_first_on_the_waitlist_and_both_are_published(
    service: Training,
) -> None:
    agency = factories.agency_code()
    nips = await roster(service, 4, agency)
    session = await open_session(service, capacity=2)
    enrolments = []
    for nip in nips:  # one by one: the queue order is the request order
        response = await service.http.post(
            "/enrolments", headers=service.admin, json={"session_code": session, "nip": nip}
        )
        enrolments.append(await service.ok(response, 201))
    seated, _, first_waiting, second_waiting = enrolments

    cancelled = await service.ok(
        await service.http.post(
            f"/enrolments/{seated['id']}/cancellation",
            headers=service.admin,
            json={"reason": "Tugas dinas luar kota"},
        )
    )

    assert cancelled["promoted"] == 1
    assert cancelled["promoted_enrolments"][0]["id"] == first_waiting["id"]
    after = await service.ok(
        await service.http.get(f"/sessions/{session}/enrolments", headers=service.admin)
    )
    assert {e["nip"]: e["status"] for e in after["items"]} == {
        nips[0]: "cancelled",
        nips[1]: "enrolled",
        nips[2]: "enrolled",
        nips[3]: "waitlisted",
    }
    assert second_waiting["status"] == "waitlisted"

    cancellation = await service.published(EnrolmentChanged, 1, nip=nips[0], status="cancelled")
    promotion = await service.published(EnrolmentChanged, 1, nip=nips[2], status="enrolled")
    assert cancellation[0]["enrolment_id"] == seated["id"]
    assert promotion[0]["enrolment_id"] == first_waiting["id"]
    assert promotion[0]["session_code"] == session


async def test_the_outbox_is_emptied_onto_kafka(service: Training) -> None:
    agency = factories.agency_code()
    [nip] = await roster(service, 1, agency)
    session = await open_session(service, capacity=1)
    await service.ok(
        await service.http.post(
            "/enrolments", headers=service.admin, json={"session_code": session, "nip": nip}
        ),
        201,
    )

    async def unsent() -> bool:
        async with service.service.database.engine.connect() as connection:
            left = await connection.scalar(text("SELECT count(*) FROM outbox"))
        return left == 0

    await wait_for(unsent, what="outbox relayed")
    [event] = await service.published(EnrolmentChanged, 1, nip=nip)
    assert (event["session_code"], event["status"], event["agency_code"]) == (
        session,
        "enrolled",
        agency,
    )
