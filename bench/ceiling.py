"""The ceiling: plain aiokafka produce -> consume of the same number and size of events
through the same broker, with no database and no handler.

    uv run python -m bench.ceiling --events 45000

The records are real CloudEvents of ResultRecorded (binary mode, built exactly as the
outbox relay builds them), encoded before the clock starts. The producer is the
platform's: idempotent (acks=all), linger 5 ms, batched sends (send() a batch of 500,
then await every acknowledgement, like the relay). The consumer runs in another process,
in a consumer group with manual commit after every batch (getmany, as the platform's
consumer runner fetches, without its handling). Measured: events/s from the first send
to the last event consumed, and the producer's own rate; the median of --runs runs (3)
on fresh topics.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import time
import uuid
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from bangkom.platform.catalog import ResultRecorded
from bangkom.platform.db.uow import outbox_rows
from bangkom.platform.messaging.envelope import OutgoingMessage, encode
from bench import province
from bench.common import write_results
from tests.infra import KAFKA

PARTITIONS = 6  # as every catalog topic
BATCH = 500  # the relay's and the consumer's batch size
METHOD_RANK = {"assessment_center": 5, "cat": 4, "360": 3, "supervisor": 2, "self": 1}
Encoded = tuple[bytes, bytes, list[tuple[str, bytes]]]


def result_records(count: int, seed: int = 11) -> list[Encoded]:
    """``count`` ResultRecorded CloudEvents, encoded as the relay encodes them."""
    agencies = [code for code, _, kind, _ in province.agencies(8) if kind == "agency"]
    people = list(province.employees(max(-(-count // 9), 1), agencies))
    encoded: list[Encoded] = []
    for nip, competency, level, method, day in province.results(people, 9, seed=seed):
        agency = people[len(encoded) // 9].agency_code
        evaluated_at = datetime.fromisoformat(day).replace(tzinfo=UTC) + timedelta(hours=2)
        event = ResultRecorded(
            result_id=str(uuid.uuid4()),
            nip=nip,
            agency_code=agency,
            competency_code=competency,
            level=int(level),
            method=method,
            evaluated_at=evaluated_at,
            period=evaluated_at.year,
            method_rank=METHOD_RANK[method],
        )
        [row] = outbox_rows([event])
        encoded.append(
            encode(
                OutgoingMessage(
                    event_id=row["event_id"],
                    topic=row["topic"],
                    key=row["key"],
                    type=row["type"],
                    source=row["source"],
                    subject=row["subject"],
                    time=row["time"],
                    data=row["data"],
                    traceparent=row["traceparent"],
                )
            )
        )
        if len(encoded) >= count:
            break
    return encoded


def record_size(record: Encoded) -> int:
    key, value, headers = record
    return len(key) + len(value) + sum(len(n) + len(v) for n, v in headers)


def _consume(topic: str, group: str, expected: int, pipe: Connection) -> None:
    """Child process: consume ``expected`` records, committing after every batch."""

    async def run() -> tuple[float, float, int]:
        consumer = AIOKafkaConsumer(
            topic,
            bootstrap_servers=KAFKA,
            group_id=group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            isolation_level="read_committed",
            max_poll_records=BATCH,
        )
        await consumer.start()
        try:
            while not consumer.assignment():
                await consumer.getmany(timeout_ms=100)
            pipe.send("ready")
            seen, first, last, commits = 0, 0.0, 0.0, 0
            while seen < expected:
                batch = await consumer.getmany(timeout_ms=250)
                if not batch:
                    continue
                now = time.monotonic()
                first = first or now
                for records in batch.values():
                    seen += len(records)
                await consumer.commit({tp: rs[-1].offset + 1 for tp, rs in batch.items()})
                commits += 1
                last = time.monotonic()
            return first, last, commits
        finally:
            await consumer.stop()

    pipe.send(asyncio.run(run()))


# This machine's ceiling moved by a quarter from one run to the next (13,281-22,256
# events/s in one afternoon): the median of a few runs is the ceiling a ratio uses.
RUNS = 3


async def measure(events: int, *, runs: int = RUNS) -> dict[str, Any]:
    """The median of ``runs`` runs of ``once``, with every run's rate beside it."""
    records = result_records(events)
    figures = [await once(records) for _ in range(runs)]
    median = sorted(figures, key=lambda f: f["events_per_s"])[len(figures) // 2]
    return {**median, "runs_events_per_s": [f["events_per_s"] for f in figures]}


async def once(records: list[Encoded]) -> dict[str, Any]:
    """Produce and consume ``records`` on a fresh topic."""
    topic = f"bench.ceiling.{uuid.uuid4().hex[:10]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=KAFKA)
    await admin.start()
    await admin.create_topics([NewTopic(topic, PARTITIONS, 1)])
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    consumer = context.Process(
        target=_consume, args=(topic, f"{topic}.group", len(records), child), daemon=True
    )
    consumer.start()
    producer = AIOKafkaProducer(
        bootstrap_servers=KAFKA,
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
        max_batch_size=256 * 1024,
    )
    await producer.start()
    try:
        if await asyncio.to_thread(parent.poll, 60) and parent.recv() != "ready":
            raise RuntimeError("the ceiling's consumer did not start")
        started = time.monotonic()
        for index in range(0, len(records), BATCH):
            acknowledgements = [
                await producer.send(topic, value=value, key=key, headers=headers)
                for key, value, headers in records[index : index + BATCH]
            ]
            await asyncio.gather(*acknowledgements)
        produced = time.monotonic()
        if not await asyncio.to_thread(parent.poll, 600):
            raise RuntimeError("the ceiling's consumer did not finish within 600 s")
        first, last, commits = parent.recv()
    finally:
        await producer.stop()
        consumer.join(timeout=30)
        await admin.delete_topics([topic])
        await admin.close()
    sizes = [record_size(r) for r in records]
    elapsed = last - started
    return {
        "events": len(records),
        "record_bytes_mean": sum(sizes) / len(sizes),
        "seconds": elapsed,
        "events_per_s": len(records) / elapsed,
        "produce_seconds": produced - started,
        "produce_events_per_s": len(records) / (produced - started),
        "first_consumed_after_s": first - started,
        "consumer_commits": commits,
    }


def table(figures: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (
            "events (ResultRecorded CloudEvents)",
            f"{figures['events']:,} x {figures['record_bytes_mean']:.0f} B",
            "",
        ),
        (
            "produce -> consume (ceiling)",
            f"{figures['events_per_s']:,.0f} events/s ({figures['seconds']:.1f} s), the median "
            f"of {len(figures['runs_events_per_s'])} runs: "
            + ", ".join(f"{rate:,.0f}" for rate in figures["runs_events_per_s"]),
            "ceiling",
        ),
        ("produce only", f"{figures['produce_events_per_s']:,.0f} events/s", ""),
    ]


async def main(events: int, runs: int) -> dict[str, Any]:
    figures = await measure(events, runs=runs)
    write_results("ceiling", figures, table(figures))
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=45_000)
    parser.add_argument("--runs", type=int, default=RUNS)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.events, arguments.runs))
