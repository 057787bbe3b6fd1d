"""Accepted proposals and the roster arrive over Kafka and become enrolments."""

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from bangkom.platform.catalog import EnrolmentChanged
from bangkom.training.bootstrap import build_bus
from bangkom.training.entrypoints.schedule import SCHEDULER
from bangkom.training.handlers import commands
from tests import factories
from tests.infra import wait_for
from tests.integration.training.harness import Training, open_session, running_training
from tests.unit.training import factories as training

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]


async def _enrolments_of(t: Training, nip: str) -> list[dict[str, object]]:
    response = await t.http.get("/enrolments", headers=t.admin, params={"nip": nip})
    return list((await t.ok(response))["items"])


async def test_an_accepted_proposal_on_kafka_becomes_an_enrolment(tmp_path: Path) -> None:
    async with running_training(tmp_path) as t:
        agency = factories.agency_code()
        person = training.employee_updated(agency=agency)
        session = await open_session(t, capacity=10)
        course = session.rsplit("-A", 1)[0]
        accepted = training.proposal_decided(person.nip, agency, course)
        rejected = training.proposal_decided(
            training.employee_updated(agency=agency).nip, agency, course, decision="rejected"
        )
        await t.produce(person)
        event_id = await t.produce(accepted)
        await t.produce(accepted, event_id)  # the same event delivered twice
        await t.produce(accepted)  # the same proposal decided twice (a new event id)
        await t.produce(rejected)

        [enrolment] = await wait_for(
            lambda: _enrolments_of(t, person.nip), what="enrolment from the proposal"
        )
        [published] = await t.published(
            EnrolmentChanged, 1, nip=person.nip, proposal_id=accepted.proposal_id
        )
        requests = await t.ok(await t.http.get("/enrolment-requests", headers=t.admin))
        # The rejected proposal, which follows on its own partition, has been consumed
        # once the barrier behind it is; nothing of it may exist.
        await t.produce(training.proposal_decided(rejected.nip, agency, course))
        await wait_for(lambda: _enrolments_of(t, rejected.nip), what="barrier enrolled")
        rejected_trace = [
            e
            for e in await _enrolments_of(t, rejected.nip)
            if e["proposal_id"] == rejected.proposal_id
        ]

    assert (enrolment["session_code"], enrolment["status"], enrolment["proposal_id"]) == (
        session,
        "enrolled",
        accepted.proposal_id,
    )
    assert (published["enrolment_id"], published["agency_code"]) == (enrolment["id"], agency)
    assert [(r["proposal_id"], r["status"]) for r in requests["items"]] == [
        (accepted.proposal_id, "placed")
    ]
    assert rejected_trace == []


async def test_two_replicas_placing_waiting_requests_at_once_place_each_once(
    tmp_path: Path,
) -> None:
    async with running_training(tmp_path) as t:
        agency = factories.agency_code()
        session = await open_session(t, capacity=10)  # enrolment opened 7 days ago
        course = session.rsplit("-A", 1)[0]
        opened = t.clock()
        t.clock.set(opened - timedelta(days=8))  # proposals decided before it opened wait
        people = [training.employee_updated(agency=agency) for _ in range(5)]
        for person in people:
            await t.produce(person)
            await t.produce(training.proposal_decided(person.nip, agency, course))

        async def all_waiting() -> bool:
            found = await _requests(t, "waiting")
            return len(found) == len(people)

        await wait_for(all_waiting, what="every proposal waiting")
        t.clock.set(opened)
        replicas = [build_bus(t.service.uow_factory, t.clock) for _ in range(2)]  # type: ignore[arg-type]
        placed = await asyncio.gather(
            *(bus.handle(commands.PlaceWaitingRequests(SCHEDULER)) for bus in replicas)
        )
        requests = await _requests(t, None)
        enrolments = [await _enrolments_of(t, person.nip) for person in people]

    assert sum(placed) == len(people)
    assert {r["status"] for r in requests} == {"placed"}
    assert [[e["session_code"] for e in of_person] for of_person in enrolments] == [
        [session]
    ] * len(people)


async def _requests(t: Training, status: str | None) -> list[dict[str, object]]:
    params = {"status": status} if status else {}
    response = await t.http.get("/enrolment-requests", headers=t.admin, params=params)
    return list((await t.ok(response))["items"])
