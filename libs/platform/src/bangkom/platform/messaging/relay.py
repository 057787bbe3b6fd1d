"""The outbox relay: publishes committed events and deletes them.

Claim the oldest rows by deleting them, send them all, await every acknowledgement
(idempotent producer, acks=all), commit. A crash anywhere before the commit leaves the
rows in place, so they are sent again after a restart: at least once, and consumers
drop the duplicate by event id.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from functools import lru_cache
from typing import Any

from aiokafka import AIOKafkaProducer
from sqlalchemy import any_, delete, func, literal_column, select
from sqlalchemy.sql.dml import ReturningDelete

from bangkom.platform.clock import utc_now
from bangkom.platform.db.database import Database
from bangkom.platform.db.direct import fetch_direct
from bangkom.platform.db.messaging import NOTIFY_CHANNEL, outbox
from bangkom.platform.messaging.envelope import OutgoingMessage, encode
from bangkom.platform.messaging.kafka import TopicNames
from bangkom.platform.observability.logs import get_logger
from bangkom.platform.observability.metrics import (
    EVENTS_PUBLISHED,
    OUTBOX_BACKLOG,
    OUTBOX_OLDEST_AGE,
)
from bangkom.platform.observability.tracing import relayed

log = get_logger(__name__)

# One relay per service database publishes, so events of one key keep their order
# even with many replicas; the others stand by and take over when it goes away.
RELAY_LOCK_KEY = 7262002
STANDBY_POLL_S = 2.0


class LeadershipLost(Exception):
    """This relay no longer holds the lock: it stops, and its supervisor starts it again
    (then as a standby, if another relay took the lead meanwhile)."""


class OutboxRelay:
    def __init__(
        self,
        database: Database,
        producer: AIOKafkaProducer,
        names: TopicNames,
        *,
        batch_size: int = 500,
        poll_interval_s: float = 0.5,
    ) -> None:
        self._database = database
        self._producer = producer
        self._names = names
        self._batch_size = batch_size
        self._claim = claim_unsent(batch_size, postgresql=not database.is_sqlite)
        self._poll_interval_s = poll_interval_s
        self._last_gauges = 0.0

    async def run(self, stop: asyncio.Event) -> None:
        """Publish until ``stop`` is set; wake on every commit that wrote events."""
        if self._database.is_sqlite:
            # One process owns an embedded database: no other relay can compete.
            await self._publish_until(stop, asyncio.Event())
            return
        async with self._database.engine.connect() as connection:
            raw = (await connection.get_raw_connection()).driver_connection
            assert raw is not None
            while not await raw.fetchval("SELECT pg_try_advisory_lock($1)", RELAY_LOCK_KEY):
                await _wait_any(stop, within_s=STANDBY_POLL_S)
                if stop.is_set():
                    return
            log.info("relay leads publishing for this database")
            # The lock lives as long as this connection: a database restart or a
            # terminated backend ends both, and another relay may take the lead at once,
            # while this one could go on publishing on fresh pooled connections.
            lost = asyncio.Event()
            raw.add_termination_listener(lambda *_args: lost.set())

            def wake_up(*_args: Any) -> None:
                self._database.outbox_written.set()

            # Commits in other processes (imports, replicas) notify; ours set the event.
            await raw.add_listener(NOTIFY_CHANNEL, wake_up)
            self._database.relay_leads_here = True
            try:
                await self._publish_until(stop, lost)
            finally:
                self._database.relay_leads_here = False
                if not raw.is_closed():
                    await raw.remove_listener(NOTIFY_CHANNEL, wake_up)
                    await raw.execute("SELECT pg_advisory_unlock($1)", RELAY_LOCK_KEY)

    async def _publish_until(self, stop: asyncio.Event, lost: asyncio.Event) -> None:
        wake = self._database.outbox_written
        while not stop.is_set():
            if lost.is_set():
                raise LeadershipLost("the connection holding the relay lock has closed")
            wake.clear()
            published = await self.publish_pending()
            await self._refresh_gauges()
            if published < self._batch_size:
                await _wait_any(wake, stop, lost, within_s=self._poll_interval_s)
        # Draining: what was committed before the stop goes out before we let go.
        while not lost.is_set() and await self.publish_pending():
            pass

    async def publish_pending(self) -> int:
        """Publish one batch of unsent events; return how many were published."""
        async with self._database.engine.begin() as connection:
            # Deleted as they are claimed; the deletion commits only once Kafka has
            # acknowledged every one (a failure rolls it back, and they go again).
            claimed = await fetch_direct(connection, self._claim, {})
            if claimed is None:  # SQLite
                claimed = (await connection.execute(self._claim)).all()
            rows = sorted(claimed, key=lambda row: row.seq)
            if not rows:
                return 0
            acknowledgements = []
            for row in rows:
                key, value, headers = encode(_message(row))
                acknowledgements.append(
                    await self._producer.send(
                        self._names(row.topic), value=value, key=key, headers=headers
                    )
                )
            await asyncio.gather(*acknowledgements)
        # Counted per kind: a labels() lookup per event cost more than sending it.
        for (topic, kind), count in Counter((row.topic, row.type) for row in rows).items():
            EVENTS_PUBLISHED.labels(topic, kind).inc(count)
        return len(rows)

    async def _refresh_gauges(self) -> None:
        """The backlog gauges, at most once a second."""
        now = time.monotonic()
        if now - self._last_gauges < 1.0:
            return
        self._last_gauges = now
        async with self._database.engine.connect() as connection:
            backlog, oldest = (
                await connection.execute(select(func.count(), func.min(outbox.c.created_at)))
            ).one()
        OUTBOX_BACKLOG.set(backlog)
        OUTBOX_OLDEST_AGE.set((utc_now() - oldest).total_seconds() if oldest else 0.0)


@lru_cache(maxsize=4)
def claim_unsent(batch_size: int, *, postgresql: bool) -> ReturningDelete[Any]:
    """The claim, built once per batch size: the relay runs it after every commit (by
    the driver alone, db.direct). One statement claims and removes (a SELECT, then a
    DELETE of the claimed seqs, was a round trip more; marking the rows sent instead
    wrote each event's row again, index entries and all). No FOR UPDATE SKIP LOCKED: one
    relay leads, and a DELETE returns only the rows it deleted itself, so a second
    claimer would wait rather than publish twice; the row locks cost as much as the
    delete. The LIMIT is written in, so that PostgreSQL plans the statement once per
    connection rather than at every call.

    That plan is made while the outbox is about empty, and must hold when thousands of
    rows wait (a batch load): on PostgreSQL the claimed seqs are one array, computed
    once (``= ANY(ARRAY(...))``). With ``IN (subquery)`` the plan of an empty table
    joined every row to every claimed one by a nested loop: 181 ms for 500 waiting rows,
    3-8 with the array, and seconds with more, PostgreSQL busy on one core while the
    events waited (issue 19's batch maximum fell to 302 results/s)."""
    first = select(outbox.c.seq).order_by(outbox.c.seq).limit(literal_column(str(batch_size)))
    claimed = first.scalar_subquery()
    where = outbox.c.seq == any_(func.array(claimed)) if postgresql else outbox.c.seq.in_(claimed)
    return delete(outbox).where(where).returning(*outbox.c)


def _message(row: Any) -> OutgoingMessage:
    return OutgoingMessage(
        event_id=row.event_id,
        topic=row.topic,
        key=row.key,
        type=row.type,
        source=row.source,
        subject=row.subject,
        time=row.time,
        data=row.data,
        traceparent=relayed(row.traceparent, f"publish {row.type}"),
    )


async def _wait_any(*events: asyncio.Event, within_s: float) -> None:
    """Return when one of ``events`` is set or after ``within_s`` seconds."""
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, timeout=within_s, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
