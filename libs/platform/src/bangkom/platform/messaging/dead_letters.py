"""Dead letters an operator can act on: list what sits in each ``<topic>.dlq`` with its
error headers, re-drive records to their original topic once the cause is fixed, or
purge them with a reason.

Kafka deletes no single record, so a decision is itself a record: each re-drive and
purge goes to the compacted ``bangkom.platform.dlq-resolutions.v1`` (key: the dead
letter's topic, partition and offset; value: what was done, why, by whom, when). That
topic is the audit of every decision, and a resolved letter is no longer listed as open.

A re-driven record keeps its CloudEvent headers, so its id too: consumer groups that had
handled it already drop it in their inbox, and the group that failed handles it once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import NewTopic

from bangkom.platform.clock import utc_now
from bangkom.platform.messaging.kafka import (
    TopicNames,
    connection_options,
    create_admin,
    create_producer,
)
from bangkom.platform.messaging.topics import create_missing
from bangkom.platform.settings import ServiceSettings

RESOLUTIONS_TOPIC = "bangkom.platform.dlq-resolutions.v1"
DLQ_SUFFIX = ".dlq"
DLQ_HEADER_PREFIX = "dlq."


def letter_ref(topic: str, partition: int, offset: int) -> str:
    """How an operator names a dead letter: ``<dlq topic>:<partition>:<offset>``."""
    return f"{topic}:{partition}:{offset}"


@dataclass(frozen=True)
class Resolution:
    action: str  # "redriven" or "purged"
    reason: str
    by: str
    at: datetime


@dataclass(frozen=True)
class DeadLetter:
    topic: str  # the dead-letter topic, as the broker names it
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...]
    resolution: Resolution | None = None

    @property
    def ref(self) -> str:
        return letter_ref(self.topic, self.partition, self.offset)

    def header(self, name: str) -> str:
        for key, value in self.headers:
            if key == name:
                return value.decode(errors="replace")
        return ""

    @property
    def original_topic(self) -> str:
        return self.header("dlq.original.topic") or self.topic.removesuffix(DLQ_SUFFIX)

    @property
    def failed_at(self) -> datetime | None:
        text = self.header("dlq.failed.at")
        return datetime.fromisoformat(text) if text else None

    def summary(self) -> dict[str, object]:
        return {
            "ref": self.ref,
            "event_id": self.header("ce_id"),
            "event_type": self.header("ce_type"),
            "subject": self.header("ce_subject"),
            "original_topic": self.original_topic,
            "error_type": self.header("dlq.error.type"),
            "error_message": self.header("dlq.error.message"),
            "consumer_group": self.header("dlq.consumer.group"),
            "attempts": self.header("dlq.attempts"),
            "failed_at": self.header("dlq.failed.at"),
            "resolution": (
                None
                if self.resolution is None
                else {
                    "action": self.resolution.action,
                    "reason": self.resolution.reason,
                    "by": self.resolution.by,
                    "at": self.resolution.at.isoformat(),
                }
            ),
        }


class DeadLetters:
    """The dead-letter topics of one environment (its topic prefix)."""

    def __init__(self, settings: ServiceSettings) -> None:
        self._settings = settings
        self._names = TopicNames(settings.kafka_topic_prefix)

    async def topics(self) -> list[str]:
        admin = create_admin(self._settings)
        await admin.start()
        try:
            every = await admin.list_topics()
        finally:
            await admin.close()
        prefix = self._names("bangkom.")
        return sorted(t for t in every if t.startswith(prefix) and t.endswith(DLQ_SUFFIX))

    async def read(self, topics: Sequence[str] | None = None) -> list[DeadLetter]:
        """Every dead letter of ``topics`` (default: all), each with its resolution."""
        wanted = list(topics) if topics is not None else await self.topics()
        resolutions = await self._resolutions()
        return [
            DeadLetter(
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
                key=record.key,
                value=record.value,
                headers=tuple(record.headers or ()),
                resolution=resolutions.get(
                    letter_ref(record.topic, record.partition, record.offset)
                ),
            )
            for record in await self._read_all(wanted)
        ]

    async def redrive(self, letters: Iterable[DeadLetter], *, by: str, reason: str) -> int:
        """Send each letter back to its original topic, then record the decision."""
        await self._ensure_resolutions_topic()
        producer = create_producer(self._settings)
        await producer.start()
        try:
            done = 0
            for letter in letters:
                headers = [(k, v) for k, v in letter.headers if not k.startswith(DLQ_HEADER_PREFIX)]
                headers.append(("bangkom.redriven.from", letter.ref.encode()))
                await producer.send_and_wait(
                    letter.original_topic, value=letter.value, key=letter.key, headers=headers
                )
                await self._resolve(producer, letter, "redriven", reason=reason, by=by)
                done += 1
            return done
        finally:
            await producer.stop()

    async def purge(self, letters: Iterable[DeadLetter], *, by: str, reason: str) -> int:
        """Close each letter without re-driving it; the reason is required and kept."""
        if not reason.strip():
            raise ValueError("a purge needs a reason")
        await self._ensure_resolutions_topic()
        producer = create_producer(self._settings)
        await producer.start()
        try:
            done = 0
            for letter in letters:
                await self._resolve(producer, letter, "purged", reason=reason, by=by)
                done += 1
            return done
        finally:
            await producer.stop()

    async def _resolve(
        self, producer: AIOKafkaProducer, letter: DeadLetter, action: str, *, reason: str, by: str
    ) -> None:
        value = {"action": action, "reason": reason, "by": by, "at": utc_now().isoformat()}
        await producer.send_and_wait(
            self._names(RESOLUTIONS_TOPIC),
            key=letter.ref.encode(),
            value=json.dumps(value).encode(),
        )

    async def _ensure_resolutions_topic(self) -> None:
        """One partition, compacted: the last decision per letter is kept."""
        admin = create_admin(self._settings)
        await admin.start()
        try:
            topic = NewTopic(
                self._names(RESOLUTIONS_TOPIC),
                1,
                self._settings.kafka_topic_replication_factor,
                topic_configs={"cleanup.policy": "compact"},
            )
            await create_missing(admin, [topic])
        finally:
            await admin.close()

    async def _resolutions(self) -> dict[str, Resolution]:
        found: dict[str, Resolution] = {}
        for record in await self._read_all([self._names(RESOLUTIONS_TOPIC)]):
            if record.key is None or record.value is None:
                continue
            data = json.loads(record.value)
            found[record.key.decode()] = Resolution(
                action=data["action"],
                reason=data["reason"],
                by=data["by"],
                at=datetime.fromisoformat(data["at"]),
            )
        return found

    async def _partitions_of(self, topics: Sequence[str]) -> list[TopicPartition]:
        admin = create_admin(self._settings)
        await admin.start()
        try:
            existing = set(await admin.list_topics())
            wanted = [t for t in topics if t in existing]
            described = await admin.describe_topics(wanted) if wanted else []
        finally:
            await admin.close()
        return [
            TopicPartition(d["topic"], p["partition"])
            for d in described
            for p in sorted(d.get("partitions", ()), key=lambda p: p["partition"])
        ]

    async def _read_all(self, topics: Sequence[str]) -> list[ConsumerRecord[bytes, bytes]]:
        """Each topic from its beginning to the end it has now (no consumer group)."""
        partitions = await self._partitions_of(topics)
        if not partitions:
            return []  # (and aiokafka's stop() hangs on a consumer never assigned any)
        consumer = AIOKafkaConsumer(
            **connection_options(self._settings),
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        await consumer.start()
        try:
            consumer.assign(partitions)
            ends = await consumer.end_offsets(partitions)
            await consumer.seek_to_beginning(*partitions)
            records: list[ConsumerRecord[bytes, bytes]] = []
            pending = {tp for tp, end in ends.items() if end > 0}
            while pending:
                batch = await consumer.getmany(*pending, timeout_ms=500)
                for tp, part in batch.items():
                    records.extend(r for r in part if r.offset < ends[tp])
                for tp in list(pending):
                    if await consumer.position(tp) >= ends[tp]:
                        pending.discard(tp)
            return records
        finally:
            await consumer.stop()
