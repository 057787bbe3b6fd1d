"""Consumer lag measured beside the consumer, on the real broker: what the group has not
committed yet, growing while consumption is held and back to zero once it runs."""

from pathlib import Path

import pytest

from bangkom.platform.catalog import ResultRecorded, topics
from bangkom.platform.messaging.lag import LagMonitor
from tests.infra import wait_for
from tests.integration.messaging import (
    consuming,
    count_result,
    harness,
    record_of,
    result_event,
    send,
)

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]


async def test_lag_counts_what_the_group_has_not_committed(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        topic = h.names(topics.RESULTS.name)
        monitor = LagMonitor(h.settings, h.settings.consumer_group, [topic], every_s=1)
        producer = h.producer()
        await producer.start()
        try:
            events = [result_event() for _ in range(5)]
            for event in events:
                await send(producer, topic, record_of(event))

            held = await monitor.measure()  # nobody consumes: the group never committed
            assert sum(held.values()) == 5
            assert {tp.topic for tp in held} == {topic}

            async with consuming(h.runner({ResultRecorded: [count_result]}, producer)):

                async def caught_up() -> bool:
                    return sum((await monitor.measure()).values()) == 0

                await wait_for(caught_up, what="the group's lag back to zero")
            assert [await h.times_handled(e.result_id) for e in events] == [1] * 5
        finally:
            await producer.stop()
