"""Access to the real Kafka and PostgreSQL that scripts/test.sh started."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from sqlalchemy import MetaData, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.catalog.base import Event
from bangkom.platform.db.database import Database
from bangkom.platform.db.engine import create_engine
from bangkom.platform.messaging.envelope import OutgoingMessage

KAFKA = os.environ.get("BANGKOM_TEST_KAFKA", "127.0.0.1:9092")
POSTGRES = os.environ.get(
    "BANGKOM_TEST_POSTGRES", "postgresql+asyncpg://bangkom:bangkom@127.0.0.1:15432/postgres"
)

T = TypeVar("T")


def message_of(event: Event, *, at: datetime, event_id: str | None = None) -> OutgoingMessage:
    """``event`` as another service's relay would send it (a new id unless given)."""
    return OutgoingMessage(
        event_id=event_id or str(uuid.uuid4()),
        topic=event.TOPIC.name,
        key=event.key,
        type=event.TYPE,
        source=event.SOURCE,
        subject=event.subject,
        time=at,
        data=event.model_dump_json(),
    )


def unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


@asynccontextmanager
async def topic_prefix(label: str = "t", *, bootstrap: str = KAFKA) -> AsyncIterator[str]:
    """A unique topic prefix; its topics are deleted afterwards, so that a long-lived
    local broker does not gather thousands of test topics (and start ever slower)."""
    prefix = unique(label) + "."
    try:
        yield prefix
    finally:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        await admin.start()
        try:
            mine = [t for t in await admin.list_topics() if t.startswith(prefix)]
            if mine:
                await admin.delete_topics(mine)
        finally:
            await admin.close()


@asynccontextmanager
async def fresh_database(label: str = "t", *, server: str = POSTGRES) -> AsyncIterator[str]:
    """A new empty PostgreSQL database for one test (or benchmark) on ``server`` (a URL
    of any database there); dropped afterwards."""
    name = unique(f"{label}_")
    admin = create_async_engine(server, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()  # the drop connects afresh: the server may have restarted since
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


@asynccontextmanager
async def a_database(kind: str, directory: Path) -> AsyncIterator[str]:
    """The URL of a new database of ``kind``: "sqlite" (a file in ``directory``, the
    embedded default) or "postgresql" (``fresh_database``); it goes away afterwards."""
    if kind == "sqlite":
        yield f"sqlite+aiosqlite:///{directory / 'scratch.db'}"
        return
    async with fresh_database("scratch") as postgres:
        yield postgres


@asynccontextmanager
async def database_with(kind: str, tmp_path: Path, *metadata: MetaData) -> AsyncIterator[Database]:
    """A new database of ``kind`` ("sqlite" or "postgresql") holding the tables of
    ``metadata``, created from it (no migrations); it goes away afterwards."""
    async with a_database(kind, tmp_path) as address:
        database = Database(address)
        async with database.engine.begin() as connection:
            for tables in metadata:
                await connection.run_sync(tables.create_all)
        try:
            yield database
        finally:
            await database.dispose()


@asynccontextmanager
async def scratch_session(
    kind: str, tmp_path: Path, metadata: MetaData
) -> AsyncIterator[AsyncSession]:
    """A session on a new database of ``kind`` ("sqlite" or "postgresql") holding the
    tables of ``metadata``; the database goes away afterwards."""
    async with a_database(kind, tmp_path) as address:
        engine = create_engine(address)  # the services' engine: the same pragmas
        async with engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
        try:
            async with AsyncSession(engine) as session:
                yield session
        finally:
            await engine.dispose()


async def wait_for(
    probe: Callable[[], Awaitable[T | None]], *, deadline_s: float = 60.0, what: str = "condition"
) -> T:
    """Poll until ``probe`` returns something truthy; fail when the deadline passes (a
    minute by default: a chain across services on a loaded 2-core CI machine)."""
    give_up = time.monotonic() + deadline_s
    while True:
        value = await probe()
        if value:
            return value
        if time.monotonic() > give_up:
            raise AssertionError(f"{what} not reached within {deadline_s}s")
        await asyncio.sleep(0.05)


async def read_topic(
    topic: str,
    until: Callable[[list[ConsumerRecord[bytes, bytes]]], bool],
    *,
    deadline_s: float = 30.0,
    bootstrap: str = KAFKA,
) -> list[ConsumerRecord[bytes, bytes]]:
    """Read a topic from the beginning (no consumer group) until ``until`` holds."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest"
    )
    await consumer.start()
    try:
        partitions = await wait_for(
            lambda: _partitions(topic, bootstrap), deadline_s=deadline_s, what=f"topic {topic}"
        )
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        records: list[ConsumerRecord[bytes, bytes]] = []
        give_up = time.monotonic() + deadline_s
        while not until(records):
            if time.monotonic() > give_up:
                raise AssertionError(f"expected records on {topic} within {deadline_s}s")
            batch = await consumer.getmany(timeout_ms=200)
            for part in batch.values():
                records.extend(part)
        return records
    finally:
        await consumer.stop()


async def topic_partitions(topic: str, *, bootstrap: str = KAFKA) -> list[TopicPartition]:
    return await wait_for(lambda: _partitions(topic, bootstrap), what=f"topic {topic}")


async def _partitions(topic: str, bootstrap: str = KAFKA) -> list[TopicPartition] | None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        [description] = await admin.describe_topics([topic])
    finally:
        await admin.close()
    if description.get("error_code") or not description.get("partitions"):
        return None
    return [TopicPartition(topic, p["partition"]) for p in description["partitions"]]


async def end_offsets(topic: str, *, bootstrap: str = KAFKA) -> dict[int, int]:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest"
    )
    await consumer.start()
    try:
        partitions = await topic_partitions(topic, bootstrap=bootstrap)
        offsets = await consumer.end_offsets(partitions)
        return {tp.partition: offset for tp, offset in offsets.items()}
    finally:
        await consumer.stop()


async def group_lag(group: str, topics: list[str], *, bootstrap: str = KAFKA) -> int:
    """Messages of ``topics`` not yet committed by a consumer group, from the broker's
    own figures (committed offsets against end offsets), never from a client's gauge."""
    partitions = [
        tp for topic in topics for tp in await topic_partitions(topic, bootstrap=bootstrap)
    ]
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        committed = await admin.list_consumer_group_offsets(group, partitions=partitions)
    finally:
        await admin.close()
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        ends = await consumer.end_offsets(partitions)
    finally:
        await consumer.stop()
    done = {tp: max(meta.offset, 0) for tp, meta in committed.items()}
    return sum(end - done.get(tp, 0) for tp, end in ends.items())


def headers(record: ConsumerRecord[bytes, bytes]) -> dict[str, str]:
    return {name: value.decode() for name, value in record.headers or ()}


def as_dict(record: ConsumerRecord[Any, Any]) -> dict[str, Any]:
    import json

    return dict(json.loads(record.value))
