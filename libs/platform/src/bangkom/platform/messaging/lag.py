"""Consumer lag as the broker sees it: the group's committed offsets against the end of
each partition, measured beside the consumer rather than by it. A consumer that is
stuck, or held (``consume = false``), then shows its lag growing; counted by the
consumer at each of its polls, the figure froze exactly when it mattered.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from bangkom.platform.messaging.kafka import connection_options, create_admin
from bangkom.platform.observability.metrics import CONSUMER_LAG
from bangkom.platform.settings import ServiceSettings


class LagMonitor:
    def __init__(
        self, settings: ServiceSettings, group: str, topics: Sequence[str], *, every_s: float
    ) -> None:
        self._settings = settings
        self._group = group
        self._topics = list(topics)
        self._every_s = every_s

    async def run(self, stop: asyncio.Event) -> None:
        """Measure every ``every_s`` seconds until ``stop`` is set."""
        async with self._clients() as (admin, reader):
            while not stop.is_set():
                for tp, lag in (await self._measure(admin, reader)).items():
                    CONSUMER_LAG.labels(tp.topic, str(tp.partition), self._group).set(lag)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self._every_s)

    async def measure(self) -> dict[TopicPartition, int]:
        """Events each partition holds beyond the group's committed offset (from the
        partition's first offset where the group has committed none)."""
        async with self._clients() as (admin, reader):
            return await self._measure(admin, reader)

    @contextlib.asynccontextmanager
    async def _clients(self) -> AsyncIterator[tuple[AIOKafkaAdminClient, AIOKafkaConsumer]]:
        admin = create_admin(self._settings)
        # A consumer of no group reads the ends of the log; it joins and commits nothing.
        reader = AIOKafkaConsumer(**connection_options(self._settings), enable_auto_commit=False)
        await admin.start()
        try:
            await reader.start()
            try:
                yield admin, reader
            finally:
                await reader.stop()
        finally:
            await admin.close()

    async def _measure(
        self, admin: AIOKafkaAdminClient, reader: AIOKafkaConsumer
    ) -> dict[TopicPartition, int]:
        described = await admin.describe_topics(self._topics)
        committed = await admin.list_consumer_group_offsets(self._group)
        partitions = [
            TopicPartition(d["topic"], p["partition"])
            for d in described
            if not d.get("error_code")
            for p in d.get("partitions", ())
        ]
        if not partitions:
            return {}
        ends = await reader.end_offsets(partitions)
        beginnings = await reader.beginning_offsets(partitions)
        lag = {}
        for tp in partitions:
            mark = committed.get(tp)
            position = mark.offset if mark is not None and mark.offset >= 0 else beginnings[tp]
            lag[tp] = max(ends[tp] - position, 0)
        return lag
