"""The faults, planned from a seed and injected one after the other under load:

- ``service_kill``: kill -9 of a service process, started again after 0-5 s; each
  service in turn; some while its consumer has records fetched but not committed
  (``mid_batch``), some while an import runs in evaluation (``mid_import``);
- ``broker_kill``: kill -9 of the broker leading the busiest partition, started again
  after a while; ``broker_pause``: SIGSTOP of a broker, SIGCONT after ``pause_s``;
- ``db_restart``: ``pg_ctl restart -m immediate``; one of them once evaluation's outbox
  holds a backlog (``backlog``);

Poison (records no consumer can handle, on every consumed topic) is no fault of a
process: bench.faults.poison sends it as the load starts.

Each fault waits until the one before has healed (the service ready, the broker back in
every ISR, the database answering), so that its recovery is its own.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench.faults.infra import KafkaCluster, PrivatePostgres
from tests.infra import group_lag
from tests.processes import SERVICES, System


def _consumed(service: str) -> tuple[str, ...]:
    handlers = import_module(f"bangkom.{service}.handlers").EVENT_HANDLERS
    return tuple(sorted({event.TOPIC.name for event in handlers}))


# The topics each service's consumer group reads (the keys of its EVENT_HANDLERS), by
# logical name.
CONSUMES: dict[str, tuple[str, ...]] = {service: _consumed(service) for service in SERVICES}


@dataclass
class Fault:
    kind: str  # service_kill | broker_kill | broker_pause | db_restart
    due_s: float  # after the load started
    target: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    injected_at: float | None = None  # time.time()
    healed_at: float | None = None
    note: str = ""
    partitions: list[tuple[str, int]] = field(default_factory=list)  # led by a broker hit
    first_effect_at: float | None = None  # seen by a watcher (broker faults)

    @property
    def label(self) -> str:
        mode = self.params.get("mode")
        return f"{self.kind}({self.target}{', ' + mode if mode else ''})"


@dataclass(frozen=True)
class Plan:
    seed: int
    duration_s: float
    kills: int
    broker_kills: int
    broker_pauses: int
    db_restarts: int
    pause_s: float = 30.0
    broker_down_s: float = 15.0

    def faults(self) -> list[Fault]:
        """Spread over the load, in a seeded order; kills cycle through the services."""
        rng = random.Random(self.seed)
        planned: list[Fault] = []
        modes = {
            "evaluation": ["mid_import", "plain"],
            "training": ["mid_batch", "plain"],
            "survey": ["plain"],
            "recommendation": ["mid_batch", "plain"],
        }
        for n in range(self.kills):
            service = SERVICES[n % len(SERVICES)]
            options = modes[service]
            mode = options[(n // len(SERVICES)) % len(options)]
            planned.append(
                Fault(
                    "service_kill",
                    0,
                    service,
                    {"mode": mode, "restart_after_s": round(rng.uniform(0, 5), 2)},
                )
            )
        planned += [Fault("broker_kill", 0) for _ in range(self.broker_kills)]
        planned += [Fault("broker_pause", 0) for _ in range(self.broker_pauses)]
        planned += [
            Fault("db_restart", 0, "postgres", {"backlog": n == 0}) for n in range(self.db_restarts)
        ]
        rng.shuffle(planned)
        # The backlog restart and the mid-import kills need an import running: the
        # campaign starts one before each (see Injector.before).
        step = self.duration_s / (len(planned) + 1)
        for index, fault in enumerate(planned, start=1):
            fault.due_s = round(index * step, 1)
        return planned


class Injector:
    def __init__(
        self,
        system: System,
        cluster: KafkaCluster,
        postgres: PrivatePostgres,
        *,
        busiest_topics: list[str],
        backlog: int,
        start_import: Callable[[bool], Awaitable[str | None]],
        import_status: Callable[[str], Awaitable[str | None]],
        log: Callable[[str], None] = print,
    ) -> None:
        self.system = system
        self.cluster = cluster
        self.postgres = postgres
        self.busiest_topics = busiest_topics
        self.backlog = backlog
        self.start_import = start_import
        self.import_status = import_status
        self.log = log

    async def inject(self, fault: Fault) -> None:
        match fault.kind:
            case "service_kill":
                await self._kill_service(fault)
            case "broker_kill":
                await self._hit_broker(fault, pause=False)
            case "broker_pause":
                await self._hit_broker(fault, pause=True)
            case "db_restart":
                await self._restart_database(fault)
            case _:
                raise ValueError(f"unknown fault {fault.kind}")

    # ------------------------------------------------------------------- services

    async def _kill_service(self, fault: Fault) -> None:
        service = self.system[fault.target]
        mode = fault.params.get("mode", "plain")
        if mode == "mid_import":
            job = await self.start_import(False)
            fault.note = await self._wait_import_running(job)
        elif mode == "mid_batch":
            fault.note = await self._wait_uncommitted(fault.target)
        fault.injected_at = time.time()
        await asyncio.to_thread(service.kill)
        await asyncio.sleep(fault.params["restart_after_s"])
        await asyncio.to_thread(service.respawn)
        await self._wait_ready(fault.target, deadline_s=120)
        fault.healed_at = time.time()

    async def _wait_import_running(self, job: str | None, deadline_s: float = 30) -> str:
        """Until the job is taken up (queued or running: its batches not all stored)."""
        if job is None:
            return "no import accepted"
        give_up = time.monotonic() + deadline_s
        while time.monotonic() < give_up:
            status = await self.import_status(job)
            if status in ("queued", "running"):
                return f"import {job[:8]} {status}"
            if status is not None:
                return f"import {job[:8]} already {status}"
            await asyncio.sleep(0.01)
        return f"import {job[:8]} not seen"

    async def _wait_uncommitted(self, name: str, deadline_s: float = 15) -> str:
        """Until the service's consumer group has records not yet committed."""
        topics = [f"{self.system.topic_prefix}{t}" for t in CONSUMES[name]]
        group = f"{self.system.topic_prefix}bangkom.{name}"
        give_up = time.monotonic() + deadline_s
        while time.monotonic() < give_up:
            try:
                lag = await group_lag(group, topics, bootstrap=self.cluster.bootstrap)
            except Exception:
                lag = 0
            if lag > 0:
                return f"{lag} records uncommitted"
            await asyncio.sleep(0.05)
        return "consumer idle"

    async def _wait_ready(self, name: str, deadline_s: float) -> None:
        give_up = time.monotonic() + deadline_s
        service = self.system[name]
        while not await service.ready():
            if time.monotonic() > give_up:
                raise RuntimeError(f"{name} not ready {deadline_s:.0f} s after its restart")
            await asyncio.sleep(0.1)

    async def wait_all_ready(self, deadline_s: float = 120) -> None:
        for name in self.system.services:
            await self._wait_ready(name, deadline_s)

    # -------------------------------------------------------------------- brokers

    async def _hit_broker(self, fault: Fault, *, pause: bool) -> None:
        topics = [f"{self.system.topic_prefix}{t}" for t in self.busiest_topics]
        leaders = await self.cluster.leaders(topics)
        ends = await _end_offsets(self.cluster.bootstrap, list(leaders))
        busiest = max(ends, key=lambda tp: ends[tp])
        node = leaders[busiest]
        fault.target = f"broker {node}"
        fault.partitions = [tp for tp, leader in leaders.items() if leader == node]
        fault.note = f"led {len(fault.partitions)} partitions, busiest {busiest[0]}:{busiest[1]}"
        hit = asyncio.Event()
        watching = asyncio.create_task(
            _first_append(
                self.cluster.bootstrap, {tp: ends[tp] for tp in fault.partitions}, fault, hit
            )
        )
        # The fault's time is when the signal has landed (kill-node waits for the
        # process to be gone): a record made later cannot have reached the old leader.
        if pause:
            await asyncio.to_thread(self.cluster.pause, node)
            fault.injected_at = time.time()
            hit.set()
            await asyncio.sleep(fault.params.get("pause_s", 30.0))
            await asyncio.to_thread(self.cluster.resume, node)
        else:
            await asyncio.to_thread(self.cluster.kill, node)
            fault.injected_at = time.time()
            hit.set()
            await asyncio.sleep(fault.params.get("down_s", 15.0))
            await asyncio.to_thread(self.cluster.restart, node)
        await self.cluster.wait_all_in_sync(topics)
        fault.healed_at = time.time()
        fault.first_effect_at = await watching

    # ------------------------------------------------------------------- database

    async def _restart_database(self, fault: Fault) -> None:
        if fault.params.get("backlog"):
            await self.start_import(True)
            fault.note = await self._wait_backlog(self.backlog)
        fault.injected_at = time.time()
        await asyncio.to_thread(self.postgres.restart_immediately)
        await self.wait_all_ready()
        fault.healed_at = time.time()

    async def _wait_backlog(self, wanted: int, deadline_s: float = 120) -> str:
        """Until evaluation's outbox holds ``wanted`` unsent events (polled every 20 ms
        on one connection); the most seen if it never does."""
        engine = create_async_engine(self.system["evaluation"].database_url)
        most = 0
        try:
            async with engine.connect() as connection:
                give_up = time.monotonic() + deadline_s
                while time.monotonic() < give_up:
                    unsent = await connection.scalar(text("SELECT count(*) FROM outbox"))
                    await connection.commit()
                    most = max(most, int(unsent or 0))
                    if most >= wanted:
                        return f"outbox backlog {most:,} unsent events"
                    await asyncio.sleep(0.02)
        finally:
            await engine.dispose()
        return f"outbox backlog reached only {most:,} (wanted {wanted:,})"


async def _end_offsets(
    bootstrap: str, partitions: list[tuple[str, int]]
) -> dict[tuple[str, int], int]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        ends = await consumer.end_offsets([TopicPartition(t, p) for t, p in partitions])
        return {(tp.topic, tp.partition): offset for tp, offset in ends.items()}
    finally:
        await consumer.stop()


async def _first_append(
    bootstrap: str,
    offsets: dict[tuple[str, int], int],
    fault: Fault,
    hit: asyncio.Event,
    deadline_s: float = 180,
) -> float | None:
    """When the first record made after the fault (its producer timestamp later than
    ``fault.injected_at``) on a partition the broker led reached a reader. Kafka's
    timestamps are the producer's, taken before a record waits for a new leader, so the
    arrival is what says when the partition took writes again."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        enable_auto_commit=False,
        request_timeout_ms=3000,
        metadata_max_age_ms=1000,
        fetch_max_wait_ms=100,
    )
    await consumer.start()
    try:
        assigned = [TopicPartition(t, p) for t, p in offsets]
        consumer.assign(assigned)
        for tp in assigned:
            consumer.seek(tp, offsets[(tp.topic, tp.partition)])
        await hit.wait()
        assert fault.injected_at is not None
        after_ms = fault.injected_at * 1000
        give_up = time.monotonic() + deadline_s
        while time.monotonic() < give_up:
            try:
                batch = await consumer.getmany(timeout_ms=200)
            except Exception:
                await asyncio.sleep(0.2)
                continue
            if any(r.timestamp > after_ms for records in batch.values() for r in records):
                return time.time()
        return None
    finally:
        await consumer.stop()
