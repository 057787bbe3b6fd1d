"""The outbox relay on a real Kafka broker and a real PostgreSQL database."""

import asyncio
import json
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg

from bangkom.platform.catalog import ResultRecorded, topics
from bangkom.platform.db.database import Database
from bangkom.platform.db.direct import direct_statement
from bangkom.platform.db.messaging import NOTIFY_CHANNEL, outbox
from bangkom.platform.messaging.relay import LeadershipLost, OutboxRelay, claim_unsent
from tests import factories
from tests.infra import end_offsets, headers, read_topic, wait_for
from tests.integration.messaging import Harness, harness, result_event

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]
REPOSITORY = Path(__file__).parents[2]


async def _unsent(h: Harness) -> int:
    async with h.database.engine.connect() as connection:
        count = await connection.scalar(select(func.count()).select_from(outbox))
    return int(count or 0)


async def _publish_all(h: Harness) -> int:
    producer = h.producer()
    await producer.start()
    try:
        return await OutboxRelay(h.database, producer, h.names).publish_pending()
    finally:
        await producer.stop()


async def test_committed_events_are_published_as_cloudevents_and_removed(
    tmp_path: Path,
) -> None:
    async with harness(tmp_path) as h:
        event = result_event()
        async with h.uow() as uow:
            uow.publish(event)
            await uow.commit()

        assert await _publish_all(h) == 1

        [record] = await read_topic(h.names(topics.RESULTS.name), lambda r: len(r) >= 1)
        attributes = headers(record)
        assert attributes["ce_type"] == ResultRecorded.TYPE
        assert attributes["ce_subject"] == event.nip
        assert attributes["ce_source"] == "/bangkom/evaluation"
        assert attributes["ce_traceparent"].startswith("00-")
        assert record.key == event.nip.encode()
        assert json.loads(record.value)["result_id"] == event.result_id
        assert await _unsent(h) == 0


async def test_a_rolled_back_unit_of_work_publishes_nothing(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        async with h.uow() as uow:
            uow.publish(result_event())
            await uow.rollback()

        assert await _unsent(h) == 0
        assert await _publish_all(h) == 0


async def test_a_relay_killed_after_the_commit_and_before_publishing_publishes_after_restart(
    tmp_path: Path,
) -> None:
    async with harness(tmp_path) as h:
        topic = h.names(topics.RESULTS.name)
        crashed = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.integration.crash_before_publish",
            h.settings.database_url,
            h.settings.kafka_topic_prefix,
            cwd=REPOSITORY,
            stdout=asyncio.subprocess.PIPE,
        )
        stdout, _ = await crashed.communicate()
        result_id = stdout.decode().strip()

        assert crashed.returncode == -signal.SIGKILL
        assert await _unsent(h) == 1
        assert sum((await end_offsets(topic)).values()) == 0

        assert await _publish_all(h) == 1

        [record] = await read_topic(topic, lambda r: len(r) >= 1)
        assert json.loads(record.value)["result_id"] == result_id
        assert await _unsent(h) == 0


class CountingProducer:
    """A real producer that remembers how many events it was handed."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.sent = 0

    async def send(self, *args: Any, **kwargs: Any) -> Any:
        self.sent += 1
        return await self.inner.send(*args, **kwargs)


@dataclass
class Replica:
    producer: CountingProducer
    stop: asyncio.Event
    task: asyncio.Task[None]


@asynccontextmanager
async def two_relays(h: Harness, *, poll_interval_s: float) -> AsyncIterator[list[Replica]]:
    """Two replicas of a service, each with its own connection pool, producer and relay."""
    replicas = []
    async with AsyncExitStack() as stack:
        for _ in range(2):
            producer = h.producer()
            await producer.start()
            stack.push_async_callback(producer.stop)
            database = Database(h.settings.database_url)
            stack.push_async_callback(database.dispose)
            counting, stop = CountingProducer(producer), asyncio.Event()
            relay = OutboxRelay(database, counting, h.names, poll_interval_s=poll_interval_s)  # type: ignore[arg-type]
            replicas.append(Replica(counting, stop, asyncio.create_task(relay.run(stop))))
        try:
            yield replicas
        finally:
            for replica in replicas:
                replica.stop.set()
            await asyncio.gather(*(r.task for r in replicas), return_exceptions=True)


async def test_one_relay_leads_per_database_and_another_takes_over_when_it_stops(
    tmp_path: Path,
) -> None:
    async with harness(tmp_path) as h, two_relays(h, poll_interval_s=30) as replicas:
        topic = h.names(topics.RESULTS.name)
        counting = [r.producer for r in replicas]
        stops = [r.stop for r in replicas]
        relays = [r.task for r in replicas]
        nip = factories.nip()
        first = [result_event().model_copy(update={"nip": nip}) for _ in range(20)]
        for event in first:  # committed by a third party (an import process, say)
            async with h.uow() as uow:
                uow.publish(event)
                await uow.commit()

        records = await read_topic(topic, lambda r: len(r) >= 20, deadline_s=20)
        assert [json.loads(r.value)["result_id"] for r in records] == [e.result_id for e in first]
        leader = 0 if counting[0].sent else 1
        assert (counting[leader].sent, counting[1 - leader].sent) == (20, 0)

        stops[leader].set()
        await relays[leader]
        later = result_event()
        async with h.uow() as uow:
            uow.publish(later)
            await uow.commit()

        records = await read_topic(topic, lambda r: len(r) >= 21, deadline_s=20)
        assert json.loads(records[-1].value)["result_id"] == later.result_id
        assert counting[1 - leader].sent == 1


async def test_a_leader_whose_lock_connection_ends_stops_publishing_and_another_leads(
    tmp_path: Path,
) -> None:
    """The relay lock lives on one connection; the server ending it (a restart, a
    terminated backend) frees the lock for a standby relay at once. The old leader must
    stop rather than go on publishing on fresh pooled connections beside the new one,
    which would break the order of events of one key."""
    async with harness(tmp_path) as h, two_relays(h, poll_interval_s=0.05) as replicas:
        topic = h.names(topics.RESULTS.name)
        counting = [r.producer for r in replicas]
        relays = [r.task for r in replicas]
        first = result_event()
        async with h.uow() as uow:
            uow.publish(first)
            await uow.commit()
        await read_topic(topic, lambda r: len(r) >= 1, deadline_s=20)
        leader = 0 if counting[0].sent else 1

        async with h.database.engine.connect() as connection:
            await connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks "
                    "WHERE locktype = 'advisory' AND granted "
                    "AND database = (SELECT oid FROM pg_database "
                    "WHERE datname = current_database())"
                )
            )
        with pytest.raises(LeadershipLost):
            await asyncio.wait_for(relays[leader], timeout=10)

        # One key, so one partition: their order on the topic is the publishing order.
        later = [result_event().model_copy(update={"nip": first.nip}) for _ in range(5)]
        for event in later:
            async with h.uow() as uow:
                uow.publish(event)
                await uow.commit()
        records = await read_topic(topic, lambda r: len(r) >= 6, deadline_s=20)

        assert [json.loads(r.value)["result_id"] for r in records[1:]] == [
            e.result_id for e in later
        ]
        assert (counting[leader].sent, counting[1 - leader].sent) == (1, 5)


async def test_a_commit_where_the_relay_leads_wakes_it_without_a_notify(tmp_path: Path) -> None:
    """The leading relay's own process skips the NOTIFY round trip: its commit sets the
    in-process wake-up. The relay polls only every 30 s, so the event coming out at once
    shows the wake-up worked; no notification reached a listener on the channel."""
    async with harness(tmp_path) as h, AsyncExitStack() as stack:
        producer = h.producer()
        await producer.start()
        stack.push_async_callback(producer.stop)
        stop = asyncio.Event()
        relay = OutboxRelay(h.database, producer, h.names, poll_interval_s=30)
        task = asyncio.create_task(relay.run(stop))
        notified: list[str] = []
        listener = await stack.enter_async_context(h.database.engine.connect())
        raw = (await listener.get_raw_connection()).driver_connection
        assert raw is not None
        await raw.add_listener(NOTIFY_CHANNEL, lambda *args: notified.append(args[2]))
        try:

            async def leads() -> bool:
                return h.database.relay_leads_here

            await wait_for(leads, what="the relay leads")
            event = result_event()
            async with h.uow() as uow:
                uow.publish(event)
                await uow.commit()

            [record] = await read_topic(
                h.names(topics.RESULTS.name), lambda r: len(r) >= 1, deadline_s=10
            )
            assert json.loads(record.value)["result_id"] == event.result_id
            await raw.execute("SELECT 1")  # a round trip: any notification has arrived
            assert notified == []
        finally:
            stop.set()
            await task
        assert not h.database.relay_leads_here


async def test_the_claim_planned_on_an_empty_outbox_needs_no_join_when_rows_pile_up(
    tmp_path: Path,
) -> None:
    """The relay's connection plans its claim once, while the outbox is about empty; a
    plan that joins the outbox to the claimed seqs costs their product once thousands
    of events wait (the batch maximum of issue 19 stalled on it)."""
    claim = direct_statement(
        claim_unsent(500, postgresql=True),
        PGDialect_asyncpg(),  # type: ignore[no-untyped-call]
    )
    assert claim is not None
    async with harness(tmp_path) as h, h.database.engine.connect() as connection:
        driver: Any = (await connection.get_raw_connection()).dbapi_connection.driver_connection
        await driver.execute("ANALYZE outbox")
        prepared = await driver.prepare(claim.sql)
        await prepared.fetch()  # planned now, on an empty outbox
        async with h.database.engine.begin() as writer:
            await writer.execute(outbox.insert(), [_outbox_row(i) for i in range(2_000)])

        # The plan it keeps (a generic one: the statement has no parameters).
        plan = "\n".join(r[0] for r in await driver.fetch(f"EXPLAIN EXECUTE {prepared.get_name()}"))

        assert "Join" not in plan, plan
        assert "Loop" not in plan, plan
        assert len(await prepared.fetch()) == 500


def _outbox_row(number: int) -> dict[str, Any]:
    event = result_event()
    return {
        "event_id": f"e-{number}",
        "topic": "t",
        "key": event.key,
        "type": "t",
        "source": "s",
        "subject": event.subject,
        "time": factories.at(),
        "data": "{}",
        "traceparent": None,
        "created_at": factories.at(),
    }
