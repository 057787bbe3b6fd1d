"""The training service in-process on a fresh PostgreSQL database and uniquely
prefixed topics: its outbox relay and consumers run against the real broker, "now"
comes from a pinned clock, and REST goes through the ASGI app."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer, ConsumerRecord

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.catalog.base import Event, Topic
from bangkom.platform.db.migrations import upgrade
from bangkom.platform.messaging.consumer import ConsumerRunner
from bangkom.platform.messaging.envelope import encode
from bangkom.platform.messaging.kafka import (
    TopicNames,
    create_admin,
    create_consumer,
    create_producer,
)
from bangkom.platform.messaging.relay import OutboxRelay
from bangkom.platform.messaging.topics import ensure_topics
from bangkom.platform.service import Service
from bangkom.training.bootstrap import bootstrap
from bangkom.training.config import TrainingSettings
from tests.infra import KAFKA, as_dict, fresh_database, message_of, read_topic, topic_prefix
from tests.unit.training import factories as training
from tests.unit.training.factories import PinnedClock


@dataclass
class Training:
    service: Service
    clock: PinnedClock
    names: TopicNames
    http: httpx.AsyncClient
    producer: AIOKafkaProducer

    def auth(
        self, *roles: Role, agencies: list[str] | None = None, nip: str | None = None
    ) -> dict[str, str]:
        token = mint_dev_token(
            self.service.settings, subject="itest", roles=list(roles), agencies=agencies, nip=nip
        )
        return {"Authorization": f"Bearer {token}"}

    @property
    def admin(self) -> dict[str, str]:
        return self.auth(Role.PROVINCE_ADMIN)

    def topic(self, topic: Topic) -> str:
        return self.names(topic.name)

    async def produce(self, event: Event, event_id: str | None = None) -> str:
        """Send ``event`` as another service would: a CloudEvent on the prefixed topic."""
        message = message_of(event, at=self.clock(), event_id=event_id)
        key, value, headers = encode(message)
        await self.producer.send_and_wait(
            self.topic(event.TOPIC), value=value, key=key, headers=headers
        )
        return message.event_id

    async def published(
        self, event: type[Event], count: int, **matching: Any
    ) -> list[dict[str, Any]]:
        """Read ``event``s from its topic until ``count`` of them match ``matching``."""

        def matches(records: Sequence[ConsumerRecord[bytes, bytes]]) -> list[dict[str, Any]]:
            found = []
            for record in records:
                headers = {k: v.decode() for k, v in record.headers or ()}
                data = as_dict(record)
                if headers.get("ce_type") == event.TYPE and all(
                    data.get(k) == v for k, v in matching.items()
                ):
                    found.append(data)
            return found

        records = await read_topic(self.topic(event.TOPIC), lambda rs: len(matches(rs)) >= count)
        return matches(records)

    async def ok(self, response: httpx.Response, status: int = 200) -> Any:
        assert response.status_code == status, response.text
        return response.json()


@asynccontextmanager
async def running_training(
    tmp_path: Path,
    clock: PinnedClock | None = None,
    *,
    prefix: str | None = None,
    name: str = "training",
    only: Sequence[type[Event]] | None = None,
) -> AsyncIterator[Training]:
    """Start the service's relay and consumers (``only`` those events, when given)."""
    clock = clock or PinnedClock()
    async with AsyncExitStack() as stack:
        url = await stack.enter_async_context(fresh_database())
        if prefix is None:
            prefix = await stack.enter_async_context(topic_prefix())
        settings = TrainingSettings(
            service_name=name,
            database_url=url,
            kafka_bootstrap_servers=KAFKA,
            kafka_topic_prefix=prefix,
            consumer_retry_backoff_s=0.01,
            auth_dev_key_file=tmp_path / "dev.pem",
        )
        service = bootstrap(settings, clock=clock)
        await upgrade(service.database.engine, service.migrations)
        names = TopicNames(settings.kafka_topic_prefix)
        admin = create_admin(settings)
        await admin.start()
        try:
            await ensure_topics(admin, service.topics, names, replication_factor=1)
        finally:
            await admin.close()
        producer = create_producer(settings)
        await producer.start()
        handlers = {e: h for e, h in service.event_handlers.items() if only is None or e in only}
        runner = ConsumerRunner(
            consumer_factory=lambda *topics: create_consumer(settings, *topics),
            producer=producer,
            uow_factory=service.uow_factory,
            handlers=handlers,
            names=names,
            group=settings.consumer_group,
            max_attempts=3,
            retry_backoff_s=0.01,
        )
        relay = OutboxRelay(service.database, producer, names, poll_interval_s=0.1)
        stop = asyncio.Event()
        tasks = [asyncio.create_task(relay.run(stop)), asyncio.create_task(runner.run(stop))]
        transport = httpx.ASGITransport(app=service.app)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://training") as http:
                yield Training(service, clock, names, http, producer)
        finally:
            stop.set()
            await asyncio.gather(*tasks)
            await producer.stop()
            await service.database.dispose()


def replica(training: Training) -> Service:
    """A second replica on the same database (its own engine and connection pool)."""
    settings = training.service.settings
    assert isinstance(settings, TrainingSettings)
    return bootstrap(settings, clock=training.clock)


async def open_session(t: Training, capacity: int) -> str:
    """A published course with one open session of ``capacity`` seats; its code."""
    course = training.course_code()
    body = {
        "code": course,
        "title": "Orientasi Pelayanan Publik",
        "competencies": [{"competency_code": "M.05", "level_from": 1, "level_to": 3}],
        "jp": 24,
        "mode": "klasikal",
        "provider": "BPSDM Provinsi Sumatera Utara",
        "cost": 0,
    }
    await t.ok(await t.http.put("/courses", headers=t.admin, json=body))
    command = training.schedule_session(course, t.clock(), capacity=capacity)
    session = {
        "code": command.code,
        "course_code": course,
        "batch": 1,
        "starts_on": command.starts_on.isoformat(),
        "ends_on": command.ends_on.isoformat(),
        "capacity": capacity,
        "enrolment_opens_at": command.enrolment_opens_at.isoformat(),
        "enrolment_closes_at": command.enrolment_closes_at.isoformat(),
        "location": "Aula BKPSDM Kota Pematangsiantar",
        "status": "open",
    }
    await t.ok(await t.http.put("/sessions", headers=t.admin, json=session))
    return command.code


async def roster(t: Training, count: int, agency: str) -> list[str]:
    """``count`` active PNS of ``agency`` in the roster read model; their NIPs."""
    events = [training.employee_updated(agency=agency) for _ in range(count)]
    async with t.service.uow_factory() as uow:
        for event in events:
            await t.service.event_handlers[type(event)][0](event, uow)
        await uow.commit()
    return [e.nip for e in events]
