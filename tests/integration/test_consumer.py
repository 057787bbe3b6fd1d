"""The consumer runner on a real Kafka broker and a real PostgreSQL database."""

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiokafka import ConsumerRecord
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bangkom.platform.catalog import ResultRecorded, topics
from bangkom.platform.db.errors import is_database_unavailable
from bangkom.platform.db.uow import SqlUnitOfWork
from bangkom.platform.messaging.envelope import encode
from tests.infra import headers, read_topic, wait_for
from tests.integration.messaging import (
    POISON_COMPETENCY,
    Harness,
    consuming,
    count_result,
    harness,
    record_of,
    result_event,
    send,
)

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]


@pytest.fixture
async def running(tmp_path: Path) -> AsyncIterator[Harness]:
    """A harness with its consumer runner running until the test ends."""
    async with harness(tmp_path) as h:
        producer = h.producer()
        await producer.start()
        try:
            async with consuming(h.runner({ResultRecorded: [count_result]}, producer)):
                yield h
        finally:
            await producer.stop()


async def test_the_same_event_delivered_twice_has_one_effect(running: Harness) -> None:
    producer = running.producer()
    await producer.start()
    topic = running.names(topics.RESULTS.name)
    first = result_event()
    same_id = record_of(first)
    barrier = result_event()
    # The barrier has the same key, so the same partition: once it is handled,
    # both deliveries before it have been handled too.
    barrier = barrier.model_copy(update={"nip": first.nip})
    try:
        await send(producer, topic, same_id)
        await send(producer, topic, same_id)
        await send(producer, topic, record_of(barrier))
    finally:
        await producer.stop()

    await wait_for(lambda: running.times_handled(barrier.result_id), what="barrier handled")

    assert await running.times_handled(first.result_id) == 1


async def test_a_poison_message_is_dead_lettered_and_the_partition_keeps_flowing(
    running: Harness,
) -> None:
    producer = running.producer()
    await producer.start()
    topic = running.names(topics.RESULTS.name)
    poison = result_event(competency=POISON_COMPETENCY)
    after = result_event().model_copy(update={"nip": poison.nip})
    garbage = record_of(after)
    try:
        await send(producer, topic, record_of(poison))
        key, _, raw_headers = encode(garbage)
        await producer.send_and_wait(topic, value=b"{not json", key=key, headers=raw_headers)
        await send(producer, topic, record_of(after))
    finally:
        await producer.stop()

    await wait_for(lambda: running.times_handled(after.result_id), what="next message handled")

    dead_letters = running.names(topics.RESULTS.dead_letter)
    dead = await read_topic(dead_letters, lambda records: len(records) >= 2)
    by_type = {headers(r)["dlq.error.type"]: headers(r) for r in dead}
    assert set(by_type) == {"PoisonError", "UndecodableEvent"}
    assert poison.result_id in by_type["PoisonError"]["dlq.error.message"]
    assert by_type["PoisonError"]["dlq.attempts"] == "3"
    assert by_type["PoisonError"]["dlq.original.topic"] == topic
    assert by_type["PoisonError"]["ce_type"] == ResultRecorded.TYPE
    assert await running.times_handled(poison.result_id) == 0


async def test_a_large_poll_is_handled_in_lanes_by_partition_each_in_order_and_once(
    tmp_path: Path,
) -> None:
    async with harness(tmp_path) as h:
        handled: list[tuple[str, int]] = []  # (result id, transaction id), in handling order

        async def note(event: ResultRecorded, uow: SqlUnitOfWork) -> None:
            xid = await uow.session.scalar(text("SELECT txid_current()"))
            handled.append((event.result_id, xid))

        runner = h.runner({ResultRecorded: [note]}, lanes=2)
        topic = h.names(topics.RESULTS.name)
        partition_of: dict[str, int] = {}

        def poll(count: int) -> list[ConsumerRecord[bytes, bytes]]:
            records = []
            for offset in range(count):
                event = result_event()
                partition_of[event.result_id] = offset % 6
                key, value, raw = encode(record_of(event))
                records.append(
                    ConsumerRecord(
                        topic, offset % 6, offset, 0, 0, key, value, None, len(key), len(value), raw
                    )
                )
            return records

        large = poll(300)
        await runner.handle([*large, large[7]])  # one record delivered twice

        sent = [json.loads(record.value)["result_id"] for record in large]
        assert sorted(r for r, _ in handled) == sorted(sent)  # each once
        lane_of = {partition_of[r]: xid for r, xid in handled}
        assert lane_of[0] == lane_of[2] == lane_of[4] != lane_of[1] == lane_of[3] == lane_of[5]
        for partition in range(6):
            in_order = [r for r, _ in handled if partition_of[r] == partition]
            assert in_order == [r for r in sent if partition_of[r] == partition]

        handled.clear()
        await runner.handle(poll(50))  # a small poll: one transaction
        assert len(handled) == 50
        assert len({xid for _, xid in handled}) == 1


@pytest.mark.parametrize("poll_size", [1, 2], ids=["one event", "a batch"])
async def test_a_dropped_database_connection_is_not_the_events_fault(
    tmp_path: Path, poll_size: int
) -> None:
    """The server ends the handler's connection (as a restart does: SQLSTATE class 08 or
    57P, a generic DBAPIError through asyncpg): the runner gives the poll up for the
    restart from the last committed offset, dead-letters nothing, and the same records
    handled again take effect once."""
    async with harness(tmp_path) as h:
        dropped: list[str] = []

        async def drop_once(event: ResultRecorded, uow: SqlUnitOfWork) -> None:
            if not dropped:
                dropped.append(event.result_id)
                await uow.session.scalar(text("SELECT pg_terminate_backend(pg_backend_pid())"))
            await count_result(event, uow)

        runner = h.runner({ResultRecorded: [drop_once]})  # a dead letter fails the test
        events = [result_event() for _ in range(poll_size)]
        topic = h.names(topics.RESULTS.name)
        records = []
        for offset, event in enumerate(events):
            key, value, raw = encode(record_of(event))
            records.append(
                ConsumerRecord(topic, 0, offset, 0, 0, key, value, None, len(key), len(value), raw)
            )

        with pytest.raises(DBAPIError) as raised:
            await runner.handle(records)
        assert is_database_unavailable(raised.value)
        assert [await h.times_handled(e.result_id) for e in events] == [0] * poll_size

        await runner.handle(records)  # redelivered after the restart

        assert [await h.times_handled(e.result_id) for e in events] == [1] * poll_size
