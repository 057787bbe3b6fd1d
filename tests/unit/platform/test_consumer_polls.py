"""The consumer runner's hand-over from its fetching task to its handler."""

import asyncio

import pytest
from aiokafka import TopicPartition
from aiokafka.errors import KafkaConnectionError

from bangkom.platform.catalog import ResultRecorded
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
    runner = ConsumerRunner(
        consumer_factory=lambda *topics: consumer,  # type: ignore[arg-type,return-value]
        producer=None,  # type: ignore[arg-type]
        uow_factory=None,  # type: ignore[arg-type]
        handlers={ResultRecorded: []},
        names=TopicNames(""),
        group="g",
    )

    with pytest.raises(KafkaConnectionError):
        await runner.run(asyncio.Event())

    assert consumer.stopped
