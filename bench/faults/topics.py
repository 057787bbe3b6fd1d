"""Everything on a run's topics, read once the system has drained: each record with its
partition, offset, broker timestamp and CloudEvent headers."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient


@dataclass(frozen=True)
class Rec:
    topic: str  # logical name (the run's prefix removed)
    partition: int
    offset: int
    timestamp_ms: int
    key: str
    headers: dict[str, str]
    value: bytes

    @property
    def event_id(self) -> str:
        return self.headers.get("ce_id", "")

    @property
    def type(self) -> str:
        return self.headers.get("ce_type", "")

    @property
    def source(self) -> str:
        return self.headers.get("ce_source", "")

    def data(self) -> dict[str, Any]:
        return dict(json.loads(self.value))


# The header of the campaign's poison records (and of their dead letters): the effect
# accounting leaves them out; bench.faults.poison checks them.
POISON_MARK = "bench_poison"


@dataclass
class Topics:
    records: list[Rec]
    poison: list[Rec] = field(default_factory=list)

    def on(self, topic: str) -> list[Rec]:
        return [r for r in self.records if r.topic == topic]

    def of_type(self, suffix: str) -> list[Rec]:
        """Records whose CloudEvent type ends with ``suffix`` (e.g. "results.recorded.v1")."""
        return [r for r in self.records if r.type.endswith(suffix)]

    def distinct(self, suffix: str) -> dict[str, Rec]:
        """One record per event id of a type (the first): what consumers act on."""
        found: dict[str, Rec] = {}
        for record in self.of_type(suffix):
            found.setdefault(record.event_id, record)
        return found

    def resent(self) -> int:
        """Records whose event id was on its topic already (the relay sent it again)."""
        seen: dict[str, set[str]] = defaultdict(set)
        again = 0
        for record in self.records:
            if record.event_id and record.event_id in seen[record.topic]:
                again += 1
            seen[record.topic].add(record.event_id)
        return again


async def read_all(bootstrap: str, prefix: str, deadline_s: float = 120) -> Topics:
    """Every record of every topic named with ``prefix``, up to the end offsets taken at
    the start."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        names = [t for t in await admin.list_topics() if t.startswith(prefix)]
        descriptions = await admin.describe_topics(names)
    finally:
        await admin.close()
    partitions = [
        TopicPartition(d["topic"], p["partition"])
        for d in descriptions
        for p in d.get("partitions", [])
    ]
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=8 * 2**20,
    )
    await consumer.start()
    records: list[Rec] = []
    poison: list[Rec] = []
    try:
        ends = await consumer.end_offsets(partitions)
        wanted = {tp: end for tp, end in ends.items() if end > 0}
        if not wanted:
            return Topics(records, poison)
        consumer.assign(list(wanted))
        await consumer.seek_to_beginning(*wanted)
        give_up = time.monotonic() + deadline_s
        remaining = dict(wanted)
        while remaining:
            if time.monotonic() > give_up:
                raise RuntimeError(f"topics not read to their end: {list(remaining)[:5]}")
            batch = await consumer.getmany(timeout_ms=500, max_records=10_000)
            for tp, part in batch.items():
                for r in part:
                    if tp in remaining and r.offset < wanted[tp]:
                        read = Rec(
                            topic=tp.topic.removeprefix(prefix),
                            partition=tp.partition,
                            offset=r.offset,
                            timestamp_ms=r.timestamp,
                            key=(r.key or b"").decode(errors="replace"),
                            headers={k: v.decode(errors="replace") for k, v in r.headers or ()},
                            value=r.value or b"",
                        )
                        (poison if POISON_MARK in read.headers else records).append(read)
                if tp in remaining and await consumer.position(tp) >= wanted[tp]:
                    del remaining[tp]
    finally:
        await consumer.stop()
    return Topics(records, poison)
