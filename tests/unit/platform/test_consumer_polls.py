"""The consumer runner's hand-over from its fetching task to its handler."""

import asyncio
from typing import Any

import pytest
from aiokafka import TopicPartition
from aiokafka.errors import KafkaConnectionError
from prometheus_client import REGISTRY

from bangkom.platform.catalog import ComplianceFellBehind, ResultRecorded
from bangkom.platform.messaging.consumer import ConsumerRunner, take_fetched
from bangkom.platform.messaging.kafka import TopicNames

A = TopicPartition("t", 0)
B = TopicPartition("t", 1)


async def _failed() -> None:
    raise KafkaConnectionError("broker gone")


async def test_every_poll_fetched_meanwhile_is_handed_over_at_once_in_order() -> None:
    fetched: asyncio.Queue = asyncio.Queue()
    fetched.put_nowait({A: ["a1", "a2"], B: ["b1"]})
    fetched.put_nowait({A: ["a3"]})
    fetching = asyncio.create_task(asyncio.Event().wait())
    try:
        assert await take_fetched(fetched, fetching) == {A: ["a1", "a2", "a3"], B: ["b1"]}
        assert fetched.empty()
    finally:
        fetching.cancel()


async def test_polls_fetched_before_the_fetching_failed_come_first_then_the_failure() -> None:
    fetched: asyncio.Queue = asyncio.Queue()
    fetched.put_nowait({A: ["a1"]})
    fetching = asyncio.create_task(_failed())
    await asyncio.wait({fetching})

    assert await take_fetched(fetched, fetching) == {A: ["a1"]}
    with pytest.raises(KafkaConnectionError):
        await take_fetched(fetched, fetching)


async def test_nothing_fetched_hands_over_nothing() -> None:
    fetched: asyncio.Queue = asyncio.Queue()
    fetching = asyncio.create_task(asyncio.Event().wait())
    try:
        assert await take_fetched(fetched, fetching) == {}
    finally:
        fetching.cancel()


def _without_database(consumer: object) -> dict[str, Any]:
    """A runner's arguments for tests that never reach a handler or the database."""
    return {
        "consumer_factory": lambda *topics: consumer,
        "producer": None,
        "uow_factory": None,
        "handlers": {ResultRecorded: []},
        "names": TopicNames(""),
        "group": "g",
    }


class _BrokenConsumer:
    """A consumer whose broker went away."""

    stopped = False

    async def start(self) -> None:
        pass

    async def getmany(self, *partitions: object, timeout_ms: int) -> dict:
        raise KafkaConnectionError("broker gone")

    def assignment(self) -> set:
        return set()

    async def stop(self) -> None:
        self.stopped = True


async def test_a_runner_whose_fetching_failed_raises_it_and_still_stops_its_consumer() -> None:
    consumer = _BrokenConsumer()
    runner = ConsumerRunner(**_without_database(consumer))

    with pytest.raises(KafkaConnectionError):
        await runner.run(asyncio.Event())

    assert consumer.stopped


class _Record:
    def __init__(self, offset: int, name: str) -> None:
        self.offset, self.name = offset, name


class _ScriptedConsumer:
    """Returns each poll it was given once the event beside it is set, then nothing;
    records commits."""

    def __init__(self, *polls: tuple[asyncio.Event, dict]) -> None:
        self.polls = list(polls)
        self.commits: list[dict] = []
        self.committed = asyncio.Event()
        self.exhausted = asyncio.Event()  # every poll returned (and so handed over)
        self.stopped = False

    async def start(self) -> None:
        pass

    async def getmany(self, *partitions: object, timeout_ms: int) -> dict:
        if self.polls:
            ready, poll = self.polls.pop(0)
            await ready.wait()
            return poll
        self.exhausted.set()
        await asyncio.sleep(timeout_ms / 1000)  # a broker with nothing new
        return {}

    def assignment(self) -> set:
        return {A}

    def highwater(self, tp: TopicPartition) -> None:
        return None

    async def commit(self, offsets: dict) -> None:
        self.commits.append(offsets)
        self.committed.set()

    async def stop(self) -> None:
        self.stopped = True


class _GatedRunner(ConsumerRunner):
    """Handles a poll by waiting for the gate named after its first record."""

    def __init__(self, *, overlap: bool, overlap_from: int = 1, polls: int = 2) -> None:
        names = [f"p{n}" for n in range(1, polls + 1)]
        self.started: dict[str, asyncio.Event] = {n: asyncio.Event() for n in names}
        # The polls after p1 are fetched once p1 is being handled, so that they are
        # polls of their own.
        consumer = _ScriptedConsumer(
            *(
                (_set() if n == 0 else self.started["p1"], {A: [_Record(n, name)]})
                for n, name in enumerate(names)
            )
        )
        self.consumer = consumer
        super().__init__(**_without_database(consumer), overlap=overlap, overlap_from=overlap_from)
        self.gates = {name: asyncio.Event() for name in names}
        self.failing: set[str] = set()
        self.ended: list[str] = []
        # The runner's decisions in order: ("start", records of the poll) or ("finish",
        # first record of the poll it waits for).
        self.decisions: list[tuple[str, Any]] = []

    def _start(self, batch: Any) -> asyncio.Task[None]:
        self.decisions.append(("start", [r.name for records in batch.values() for r in records]))
        return super()._start(batch)

    async def _finish(self, consumer: Any, in_flight: Any) -> None:
        self.decisions.append(("finish", next(iter(in_flight.batch.values()))[0].name))
        await super()._finish(consumer, in_flight)

    async def _process_poll(self, partitions: list) -> None:
        name = partitions[0][0].name
        self.started[name].set()
        await self.gates[name].wait()
        if name in self.failing:
            raise RuntimeError(f"{name} failed")
        self.ended.append(name)


def _set() -> asyncio.Event:
    event = asyncio.Event()
    event.set()
    return event


async def test_with_overlap_the_next_poll_starts_before_the_last_ends_and_offsets_keep_order() -> (
    None
):
    runner = _GatedRunner(overlap=True)
    consumer = runner.consumer
    stop = asyncio.Event()
    running = asyncio.create_task(runner.run(stop))

    await asyncio.wait_for(runner.started["p2"].wait(), 5)  # p1 is still held
    runner.gates["p2"].set()
    runner.gates["p1"].set()
    await asyncio.wait_for(consumer.committed.wait(), 5)
    stop.set()  # the runner ends the poll still in flight and commits it
    await running

    assert runner.ended == ["p2", "p1"]
    assert consumer.commits == [{A: 1}, {A: 2}]  # poll order, whichever ended first
    assert consumer.stopped


async def test_a_small_poll_waits_for_the_one_in_flight_and_goes_with_what_came_meanwhile() -> None:
    runner = _GatedRunner(overlap=True, overlap_from=3, polls=3)  # p2 and p3 are small
    consumer = runner.consumer
    stop = asyncio.Event()
    running = asyncio.create_task(runner.run(stop))

    await asyncio.wait_for(consumer.exhausted.wait(), 5)  # p2 and p3 came while p1 held
    runner.gates["p1"].set()
    await asyncio.wait_for(runner.started["p2"].wait(), 5)
    runner.gates["p2"].set()
    while len(consumer.commits) < 2:
        consumer.committed.clear()
        await asyncio.wait_for(consumer.committed.wait(), 5)
    stop.set()
    await running

    assert runner.decisions == [
        ("start", ["p1"]),
        ("finish", "p1"),  # before p2 starts: overlapped, p2 started beside p1
        ("start", ["p2", "p3"]),
        ("finish", "p2"),
    ]
    assert consumer.commits == [{A: 1}, {A: 3}]


async def test_when_a_poll_fails_the_one_beside_it_is_cancelled_and_neither_is_committed() -> None:
    runner = _GatedRunner(overlap=True)
    consumer = runner.consumer
    runner.failing.add("p1")
    running = asyncio.create_task(runner.run(asyncio.Event()))

    await asyncio.wait_for(runner.started["p2"].wait(), 5)
    runner.gates["p1"].set()

    with pytest.raises(RuntimeError, match="p1 failed"):
        await running
    assert runner.ended == []
    assert consumer.commits == []
    assert consumer.stopped


def test_the_dead_letter_counter_of_every_consumed_type_exists_at_zero_before_any() -> None:
    """Prometheus's increase() sees no rise in a counter whose first sample is already
    1: without these zeros the first dead letter of a kind never fired its alert (found
    by tests/e2e/test_alerts_fire.py with the real Prometheus)."""
    consumed = ComplianceFellBehind  # an event no test dead-letters (one registry per process)
    ConsumerRunner(**{**_without_database(_BrokenConsumer()), "handlers": {consumed: []}})

    for kind in (consumed.TYPE, "undecodable"):
        labels = {"topic": consumed.TOPIC.name, "type": kind}
        assert REGISTRY.get_sample_value("bangkom_events_dead_lettered_total", labels) == 0
