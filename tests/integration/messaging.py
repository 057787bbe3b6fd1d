"""A minimal service for platform tests: the outbox/inbox tables plus one table that
counts what a handler did, on a fresh PostgreSQL database and uniquely named topics."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaProducer
from sqlalchemy import Column, Integer, MetaData, String, Table, select
from sqlalchemy.dialects.postgresql import insert

from bangkom.platform.catalog import ResultRecorded, topics
from bangkom.platform.db.database import Database
from bangkom.platform.db.migrations import alembic_config, upgrade
from bangkom.platform.db.uow import SqlUnitOfWork
from bangkom.platform.messaging.consumer import ConsumerRunner, EventHandlers
from bangkom.platform.messaging.envelope import OutgoingMessage, encode
from bangkom.platform.messaging.kafka import (
    TopicNames,
    create_admin,
    create_consumer,
    create_producer,
)
from bangkom.platform.messaging.topics import ensure_topics
from bangkom.platform.settings import ServiceSettings
from tests import factories
from tests.infra import KAFKA, fresh_database, message_of, topic_prefix, unique

test_metadata = MetaData()
handled = Table(
    "handled",
    test_metadata,
    Column("result_id", String(64), primary_key=True),
    Column("times", Integer, nullable=False),
)
POISON_COMPETENCY = "M.08"


class PoisonError(ValueError):
    pass


async def count_result(event: ResultRecorded, uow: SqlUnitOfWork) -> None:
    """Counts each handling; deliberately not idempotent, so only the inbox prevents
    a second effect. Refuses M.08 results to play the poison message."""
    if event.competency_code == POISON_COMPETENCY:
        raise PoisonError(f"refusing result {event.result_id}")
    statement = insert(handled).values(result_id=event.result_id, times=1)
    await uow.session.exec(
        statement.on_conflict_do_update(
            index_elements=["result_id"], set_={"times": handled.c.times + 1}
        )
    )


@dataclass
class Harness:
    settings: ServiceSettings
    database: Database
    names: TopicNames

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.database)

    async def times_handled(self, result_id: str) -> int:
        async with self.database.engine.connect() as connection:
            value = await connection.scalar(
                select(handled.c.times).where(handled.c.result_id == result_id)
            )
        return int(value or 0)

    def producer(self) -> AIOKafkaProducer:
        return create_producer(self.settings)

    def runner(
        self, handlers: EventHandlers, producer: AIOKafkaProducer | None = None, **options: Any
    ) -> ConsumerRunner:
        """A consumer runner of this harness's group (quick retries). Without a producer
        a dead letter fails the test."""
        return ConsumerRunner(
            consumer_factory=lambda *t: create_consumer(self.settings, *t),
            producer=producer,  # type: ignore[arg-type]
            uow_factory=self.uow,
            handlers=handlers,
            names=self.names,
            group=self.settings.consumer_group,
            **{"max_attempts": 3, "retry_backoff_s": 0.01, **options},
        )


@asynccontextmanager
async def consuming(runner: ConsumerRunner) -> AsyncIterator[None]:
    """The runner consumes until the block ends."""
    stop = asyncio.Event()
    task = asyncio.create_task(runner.run(stop))
    try:
        yield
    finally:
        stop.set()
        await task


@asynccontextmanager
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    async with fresh_database() as url, topic_prefix() as prefix:
        settings = ServiceSettings(
            service_name=unique("itest"),
            database_url=url,
            kafka_bootstrap_servers=KAFKA,
            kafka_topic_prefix=prefix,
            consumer_retry_backoff_s=0.01,
            auth_dev_key_file=tmp_path / "dev.pem",
        )
        database = Database(url)
        versions = tmp_path / "versions"
        versions.mkdir()
        await upgrade(database.engine, alembic_config(url, MetaData(), versions))
        async with database.engine.begin() as connection:
            await connection.run_sync(test_metadata.create_all)
        names = TopicNames(settings.kafka_topic_prefix)
        admin = create_admin(settings)
        await admin.start()
        await ensure_topics(admin, [topics.RESULTS], names, replication_factor=1)
        await admin.close()
        try:
            yield Harness(settings, database, names)
        finally:
            await database.dispose()


def result_event(*, competency: str = "M.05") -> ResultRecorded:
    return factories.result_recorded(competency_code=competency)


def record_of(event: ResultRecorded, event_id: str | None = None) -> OutgoingMessage:
    return message_of(event, at=factories.at(), event_id=event_id)


async def send(producer: AIOKafkaProducer, topic: str, message: OutgoingMessage) -> None:
    key, value, headers = encode(message)
    await producer.send_and_wait(topic, value=value, key=key, headers=headers)
