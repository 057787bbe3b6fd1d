"""The consumer runner: typed events to handlers, exactly one effect per event id.

A task of its own fetches; the records fetched while the last batch was handled are
the next batch, handled in one transaction (a large one in up to ``lanes`` side by
side, split by partition number): their ids claimed in the inbox (a redelivered id is
skipped), the handlers run in each partition's order, one commit; the Kafka offsets are
committed only after the database commit, in batch order (with ``overlap`` the next
batch starts while the last one ends). If the batch fails, its records are handled
one by one (partitions side by side), each in its own transaction with bounded
retries; a record that keeps failing goes to ``<topic>.dlq`` with the error in its
headers, and the partition moves on. Infrastructure failures (database unreachable)
are not the records' fault: they stop the runner, which restarts from the last
committed offset.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.errors import CommitFailedError, IllegalStateError
from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from bangkom.platform.catalog.base import Event
from bangkom.platform.clock import utc_now
from bangkom.platform.db.errors import is_database_unavailable
from bangkom.platform.db.uow import UnitOfWork
from bangkom.platform.messaging.causation import Cause, caused_by
from bangkom.platform.messaging.envelope import (
    IncomingEvent,
    UndecodableEvent,
    decode,
    headers_of,
)
from bangkom.platform.messaging.kafka import TopicNames
from bangkom.platform.observability.logs import get_logger
from bangkom.platform.observability.metrics import (
    EVENT_HANDLING_LATENCY,
    EVENTS_CONSUMED,
    EVENTS_DEAD_LETTERED,
    EVENTS_FAILED,
)
from bangkom.platform.observability.tracing import SpanKind, trace_scope

log = get_logger(__name__)

EventHandler = Callable[[Any, Any], Awaitable[None]]
EventHandlers = Mapping[type[Event], Sequence[EventHandler]]


@dataclass(frozen=True)
class BatchHooks:
    """A service's work around the handlers of one transaction (a batch, or one event):
    ``before`` sees the events about to be handled (e.g. to load what they touch at
    once), ``after`` runs before the commit (e.g. to recalculate each entity once)."""

    before: Callable[[Any, Sequence[Event]], Awaitable[None]] | None = None
    after: Callable[[Any], Awaitable[None]] | None = None


# A batch is split into lanes only when each lane gets at least this many records.
RECORDS_PER_LANE = 100
# Polls fetched ahead of the handler; the handler takes them all at once.
POLLS_AHEAD = 2
Poll = dict[TopicPartition, list[ConsumerRecord[bytes, bytes]]]


async def take_fetched(fetched: asyncio.Queue[Poll], fetching: asyncio.Task[None]) -> Poll:
    """Every poll fetched so far, merged in order; {} after 250 ms without one. Raises
    what stopped the fetching task."""
    if fetched.empty():
        getting = asyncio.ensure_future(fetched.get())
        try:
            await asyncio.wait(
                {getting, fetching}, timeout=0.25, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            got = getting.done()
            if not got:
                getting.cancel()  # a poll it had not taken stays in the queue
        if not got:
            if fetching.done():
                fetching.result()  # its exception, if any
            return {}
        polls = [getting.result()]
    else:
        polls = []
    return merged([*polls, *ready(fetched)])


def ready(fetched: asyncio.Queue[Poll]) -> list[Poll]:
    """The polls fetched and not taken yet, without waiting."""
    polls = []
    while not fetched.empty():
        polls.append(fetched.get_nowait())
    return polls


def merged(polls: list[Poll]) -> Poll:
    """One poll of several, each partition's records in the order fetched."""
    into: Poll = {}
    for poll in polls:
        for partition, records in poll.items():
            into.setdefault(partition, []).extend(records)
    return into


def _count(poll: Poll) -> int:
    return sum(len(records) for records in poll.values())


@dataclass(frozen=True)
class _InFlight:
    """A poll being handled, and the records whose offsets to commit once it is."""

    task: asyncio.Task[None]
    batch: Poll


UNDECODABLE = "undecodable"  # the event type of a record that could not be decoded


class _OneByOne(Exception):
    """The batch holds a record that must be handled on its own (e.g. undecodable)."""


def _is_the_handlers_failure(error: BaseException) -> bool:
    """Retried in place; an unavailable database is not (see is_database_unavailable)."""
    return not is_database_unavailable(error)


class ConsumerRunner:
    def __init__(
        self,
        *,
        consumer_factory: Callable[..., AIOKafkaConsumer],
        producer: AIOKafkaProducer,
        uow_factory: Callable[[], UnitOfWork],
        handlers: EventHandlers,
        names: TopicNames,
        group: str,
        max_attempts: int = 3,
        retry_backoff_s: float = 0.2,
        hooks: BatchHooks | None = None,
        lanes: int = 1,
        overlap: bool = False,
        overlap_from: int = RECORDS_PER_LANE,
    ) -> None:
        self._hooks = hooks or BatchHooks()
        self._lanes = lanes
        self._polls_at_once = 2 if overlap else 1
        self._overlap_from = overlap_from
        self._consumer_factory = consumer_factory
        self._producer = producer
        self._uow_factory = uow_factory
        self._handlers = handlers
        self._names = names
        self._group = group
        self._max_attempts = max_attempts
        self._retry_backoff_s = retry_backoff_s
        self.topics = sorted({names(event.TOPIC.name) for event in handlers})
        # Each series exists at 0 before its first dead letter: Prometheus's increase()
        # sees no rise in a counter whose first sample is already 1, so the first dead
        # letter of a kind would never fire BangkomEventsDeadLettered.
        for event in handlers:
            for kind in (event.TYPE, UNDECODABLE):
                EVENTS_DEAD_LETTERED.labels(event.TOPIC.name, kind)

    async def run(self, stop: asyncio.Event) -> None:
        """Polls are fetched by a task of their own while the last ones are handled, and
        the handler takes every poll that came meanwhile at once. (Polled only between
        batches, a record that arrived during one waited for the next poll, then for the
        fetch that poll started, then for one more batch: ~160 ms at a trickle.)"""
        consumer = self._consumer_factory(*self.topics)
        await consumer.start()
        fetched: asyncio.Queue[Poll] = asyncio.Queue(maxsize=POLLS_AHEAD)
        fetching = asyncio.create_task(self._fetch(consumer, fetched, stop))
        running: list[_InFlight] = []  # polls being handled, oldest first
        try:
            while not stop.is_set():
                batch = await take_fetched(fetched, fetching)
                if batch and running and _count(batch) < self._overlap_from:
                    # A small poll does not start beside the one in flight: it waits for
                    # it and goes with what was fetched meanwhile. Under a stream of
                    # single results that is fewer, larger transactions (recommendation
                    # took 2.5 ms of CPU a result at half the single-result maximum
                    # instead of 3.0-3.4); large polls gain from the overlap, as the
                    # database waits of one hide the other's work.
                    await self._finish(consumer, running.pop(0))
                    batch = merged([batch, *ready(fetched)])
                if batch:
                    running.append(_InFlight(self._start(batch), batch))
                # With overlap a poll starts while the one before it ends: the
                # transactions of one work while the other's wait for the database.
                while running and (len(running) >= self._polls_at_once or not batch):
                    await self._finish(consumer, running.pop(0))
            while running:
                await self._finish(consumer, running.pop(0))
        finally:
            for poll in running:  # after a failure: their offsets stay uncommitted
                poll.task.cancel()
            if running:
                await asyncio.wait({poll.task for poll in running})
                for poll in running:
                    if not poll.task.cancelled():
                        poll.task.exception()  # seen: the failure raised is another's
            fetching.cancel()
            try:
                await asyncio.wait({fetching})
                if not fetching.cancelled():
                    fetching.exception()  # raised by take_fetched already, or none
            finally:
                await consumer.stop()

    def _start(self, batch: Poll) -> asyncio.Task[None]:
        return asyncio.create_task(self._process_poll(list(batch.values())))

    async def _finish(self, consumer: AIOKafkaConsumer, in_flight: _InFlight) -> None:
        """Wait for a poll's transactions, then commit its offsets (in poll order)."""
        await in_flight.task
        await self._commit(consumer, in_flight.batch)

    async def _fetch(
        self, consumer: AIOKafkaConsumer, fetched: asyncio.Queue[Poll], stop: asyncio.Event
    ) -> None:
        while not stop.is_set():
            batch = await consumer.getmany(timeout_ms=250)
            if batch:
                await fetched.put(batch)

    async def handle(self, records: Sequence[ConsumerRecord[bytes, bytes]]) -> None:
        """Handle records as if one poll had returned them (benchmarks feed records in
        without Kafka this way)."""
        partitions: dict[tuple[str, int], list[ConsumerRecord[bytes, bytes]]] = {}
        for record in records:
            partitions.setdefault((record.topic, record.partition), []).append(record)
        await self._process_poll(list(partitions.values()))

    async def _process_poll(self, partitions: list[list[ConsumerRecord[bytes, bytes]]]) -> None:
        """A poll's records in one transaction, each partition's in order; a large poll in
        up to ``lanes`` transactions side by side, so that one works while another waits
        for the database. A lane takes the partitions of one number on every topic: the
        events of one employee (keyed by NIP) stay in one lane. (A transaction per
        partition cost its fixed part, some 30 statements' worth, once per partition: at
        a trickle of events, more than the events themselves.)"""
        count = sum(map(len, partitions))
        lanes = min(self._lanes, max(count // RECORDS_PER_LANE, 1))
        by_lane: dict[int, list[list[ConsumerRecord[bytes, bytes]]]] = {}
        for partition in partitions:
            by_lane.setdefault(partition[0].partition % lanes, []).append(partition)
        # Every lane ends before an error of one is raised: none keeps working unseen.
        outcomes = await asyncio.gather(
            *(self._process_lane(group) for group in by_lane.values()), return_exceptions=True
        )
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome

    async def _process_lane(self, partitions: list[list[ConsumerRecord[bytes, bytes]]]) -> None:
        records = [record for partition in partitions for record in partition]
        if len(records) > 1:
            try:
                await self._process_together(records)
                return
            except _OneByOne:
                pass
            except Exception as exc:
                if is_database_unavailable(exc):
                    raise
                log.warning("batch failed; handling its events one by one", error=repr(exc))
        await asyncio.gather(*(self._one_by_one(partition) for partition in partitions))

    async def _one_by_one(self, records: list[ConsumerRecord[bytes, bytes]]) -> None:
        for record in records:
            await self.process(record)

    async def _process_together(self, records: list[ConsumerRecord[bytes, bytes]]) -> None:
        """All records of the batch in one transaction; raises to fall back one by one."""
        batch: dict[str, tuple[str, IncomingEvent]] = {}
        for record in records:
            topic = self._names.logical(record.topic)
            try:
                incoming = decode(headers_of(record.headers), record.key, record.value)
            except UndecodableEvent as exc:
                raise _OneByOne from exc
            if incoming is None or type(incoming.payload) not in self._handlers:
                event_type = incoming.type if incoming else "unknown"
                EVENTS_CONSUMED.labels(topic, event_type, "ignored").inc()
                continue
            batch.setdefault(incoming.id, (topic, incoming))  # a repeat in the batch: once
        if not batch:
            return
        started = time.perf_counter()
        async with self._uow_factory() as uow:
            fresh = await uow.claim_many([(i.id, i.type) for _, i in batch.values()])
            events = [(t, i) for t, i in batch.values() if i.id in fresh]
            if self._hooks.before is not None:
                await self._hooks.before(uow, [i.payload for _, i in events])
            for _, incoming in events:
                with _handling(incoming):
                    for handler in self._handlers[type(incoming.payload)]:
                        await handler(incoming.payload, uow)
            if self._hooks.after is not None:
                await self._hooks.after(uow)
            await uow.commit()
        elapsed = (time.perf_counter() - started) / len(batch)
        # Counted per kind: a labels() lookup per event cost more than handling it.
        kinds = Counter(
            (topic, incoming.type, "handled" if incoming.id in fresh else "duplicate")
            for topic, incoming in batch.values()
        )
        for (topic, event_type, outcome), count in kinds.items():
            EVENTS_CONSUMED.labels(topic, event_type, outcome).inc(count)
            latency = EVENT_HANDLING_LATENCY.labels(topic, event_type)
            for _ in range(count):
                latency.observe(elapsed)

    async def process(self, record: ConsumerRecord[bytes, bytes]) -> None:
        topic = self._names.logical(record.topic)
        headers = headers_of(record.headers)
        try:
            incoming = decode(headers, record.key, record.value)
        except UndecodableEvent as exc:
            await self._dead_letter(record, exc, event_type=UNDECODABLE, attempts=1)
            return
        if incoming is None or type(incoming.payload) not in self._handlers:
            event_type = headers.get("ce_type", b"").decode(errors="replace")
            EVENTS_CONSUMED.labels(topic, event_type, "ignored").inc()
            return
        handlers = self._handlers[type(incoming.payload)]
        with _handling(incoming):
            started = time.perf_counter()
            try:
                async for attempt in AsyncRetrying(
                    stop=stop_after_attempt(self._max_attempts),
                    wait=wait_exponential(multiplier=self._retry_backoff_s, max=5.0),
                    retry=retry_if_exception(_is_the_handlers_failure),
                    reraise=True,
                ):
                    with attempt:
                        try:
                            outcome = await self._handle(
                                incoming.id, incoming.type, incoming.payload, handlers
                            )
                        except Exception as exc:
                            if is_database_unavailable(exc):
                                raise
                            EVENTS_FAILED.labels(topic, incoming.type).inc()
                            log.warning(
                                "handler failed",
                                error=repr(exc),
                                attempt=attempt.retry_state.attempt_number,
                            )
                            raise
            except Exception as exc:
                if is_database_unavailable(exc):
                    # Not the message's fault: the runner restarts from the last
                    # committed offset once the database answers again.
                    raise
                await self._dead_letter(
                    record, exc, event_type=incoming.type, attempts=self._max_attempts
                )
                return
            EVENTS_CONSUMED.labels(topic, incoming.type, outcome).inc()
            EVENT_HANDLING_LATENCY.labels(topic, incoming.type).observe(
                time.perf_counter() - started
            )

    async def _handle(
        self, event_id: str, event_type: str, payload: Event, handlers: Sequence[EventHandler]
    ) -> str:
        async with self._uow_factory() as uow:
            if not await uow.claim(event_id, event_type):
                return "duplicate"
            if self._hooks.before is not None:
                await self._hooks.before(uow, [payload])
            for handler in handlers:
                await handler(payload, uow)
            if self._hooks.after is not None:
                await self._hooks.after(uow)
            await uow.commit()
        return "handled"

    async def _dead_letter(
        self,
        record: ConsumerRecord[bytes, bytes],
        error: BaseException,
        *,
        event_type: str,
        attempts: int,
    ) -> None:
        topic = self._names.logical(record.topic)
        headers = [
            *(record.headers or ()),
            ("dlq.error.type", type(error).__name__.encode()),
            ("dlq.error.message", str(error)[:2000].encode()),
            ("dlq.original.topic", record.topic.encode()),
            ("dlq.original.partition", str(record.partition).encode()),
            ("dlq.original.offset", str(record.offset).encode()),
            ("dlq.consumer.group", self._group.encode()),
            ("dlq.attempts", str(attempts).encode()),
            ("dlq.failed.at", utc_now().isoformat().encode()),
        ]
        await self._producer.send_and_wait(
            f"{record.topic}.dlq", value=record.value, key=record.key, headers=headers
        )
        EVENTS_DEAD_LETTERED.labels(topic, event_type).inc()
        log.error(
            "event dead-lettered",
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            error=repr(error),
        )

    async def _commit(
        self,
        consumer: AIOKafkaConsumer,
        batch: Mapping[TopicPartition, list[ConsumerRecord[bytes, bytes]]],
    ) -> None:
        # Partitions that moved to another replica while the batch was fetched ahead or
        # handled are not ours to commit: it redelivers from the last commit, and the
        # inbox drops what we handled.
        assigned = consumer.assignment()
        offsets = {tp: rs[-1].offset + 1 for tp, rs in batch.items() if tp in assigned}
        if not offsets:
            return
        try:
            await consumer.commit(offsets)
        except (CommitFailedError, IllegalStateError):
            log.warning("offset commit refused after a rebalance", offsets=str(offsets))


@contextmanager
def _handling(incoming: IncomingEvent) -> Iterator[None]:
    """While an event is handled: its trace continues (a span when exported), logs name
    it, and what follows knows it as its cause."""
    cause = Cause(incoming.type, incoming.time) if incoming.time is not None else None
    with (
        trace_scope(
            incoming.traceparent,
            f"consume {incoming.type}",
            kind=SpanKind.CONSUMER,
            event_id=incoming.id,
            event_type=incoming.type,
        ),
        caused_by(cause),
    ):
        yield
