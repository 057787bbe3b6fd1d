"""Recommendation's consumer path alone, in one process, on real PostgreSQL: batches of
ResultsRecorded records (one employee each, nine results, spread over six partitions)
handed to the consumer runner as polls (decode, inbox claim, hooks, handlers,
recalculation, outbox, commit; a large poll in --lanes transactions side by side).
No Kafka and no relay: the figure is the service's own work per employee, the part the
pipeline benchmark found to be its bottleneck.

    uv run python -m bench.recommendation_batch [--employees 3000] [--batch 100]
        [--lanes 2] [--profile FILE]

Every employee holds a position whose standard requires levels 2-4, so results at
level 1-2 open gaps and proposals follow (the catalog of bench.harness.courses).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiokafka import ConsumerRecord

from bangkom.platform.catalog import (
    CourseUpdated,
    EmployeeUpdated,
    ResultsRecorded,
    StandardPublished,
)
from bangkom.platform.catalog.base import Event
from bangkom.platform.messaging.consumer import ConsumerRunner
from bangkom.platform.messaging.envelope import encode
from bangkom.platform.messaging.kafka import TopicNames
from bangkom.recommendation.bootstrap import bootstrap
from bangkom.recommendation.config import RecommendationSettings
from bench import province
from bench.harness import COMPETENCIES, courses
from tests.infra import fresh_database, message_of

STARTED = datetime(2026, 1, 5, tzinfo=UTC)
POSITIONS = 20
AGENCY = "12.73.BKPSDM"


PARTITIONS = 6  # as the topics have; records are spread over them by offset


def _record(event: Event, offset: int) -> ConsumerRecord[bytes, bytes]:
    key, value, headers = encode(message_of(event, at=STARTED))
    partition = offset % PARTITIONS
    return ConsumerRecord(
        event.TOPIC.name, partition, offset, 0, 0, key, value, None, len(key), len(value), headers
    )


def _setup_events(nips: list[str], rng: random.Random) -> list[Event]:
    events: list[Event] = []
    for p in range(POSITIONS):
        events.append(
            StandardPublished.model_validate(
                {
                    "position_code": f"POS-{p}",
                    "position_name": f"Jabatan {p}",
                    "agency_code": AGENCY,
                    "version": 1,
                    "levels": [
                        {
                            "competency_code": code,
                            "competency_name": code,
                            "required_level": rng.randint(2, 4),
                        }
                        for code in COMPETENCIES
                    ],
                    "published_at": STARTED,
                }
            )
        )
    for course in courses():
        events.append(
            CourseUpdated.model_validate(
                {
                    "course_code": course["code"],
                    "title": course["title"],
                    "competencies": course["competencies"],
                    "jp": course["jp"],
                    "mode": course["mode"],
                    "provider": course["provider"],
                    "cost": course["cost"],
                    "prerequisites": [],
                    "status": "published",
                    "changed_at": STARTED,
                }
            )
        )
    for n, nip in enumerate(nips):
        events.append(
            EmployeeUpdated.model_validate(
                {
                    "nip": nip,
                    "name": f"Pegawai {n}",
                    "employment_type": "PNS",
                    "agency_code": AGENCY,
                    "position_code": f"POS-{n % POSITIONS}",
                    "active": True,
                    "changed_at": STARTED,
                }
            )
        )
    return events


def _results(nip: str, n: int, rng: random.Random) -> ResultsRecorded:
    at = STARTED + timedelta(days=1, seconds=n)
    return ResultsRecorded.model_validate(
        {
            "nip": nip,
            "agency_code": AGENCY,
            "results": [
                {
                    "result_id": str(uuid.uuid4()),
                    "competency_code": code,
                    "level": rng.randint(1, 3),
                    "method": "assessment_center",
                    "method_rank": 5,
                    "period": 2026,
                    "evaluated_at": at,
                }
                for code in COMPETENCIES
            ],
        }
    )


async def run(employees: int, batch: int, lanes: int, profile: Path | None) -> dict[str, Any]:
    rng = random.Random(5)
    nips = [province.nip(rng, n) for n in range(employees)]
    with tempfile.TemporaryDirectory() as keys:
        async with fresh_database("benchrec") as url:
            settings = RecommendationSettings(
                database_url=url, auth_dev_key_file=Path(keys) / "k.pem"
            )
            service = bootstrap(settings)
            try:
                await service.prepare()
                runner = ConsumerRunner(
                    consumer_factory=None,  # type: ignore[arg-type]  # records are handed in
                    producer=None,
                    uow_factory=service.uow_factory,
                    handlers=service.event_handlers,
                    names=TopicNames(""),
                    group="bench",
                    hooks=service.batch_hooks,
                    lanes=lanes,
                )
                setup = [_record(e, n) for n, e in enumerate(_setup_events(nips, rng))]
                for start in range(0, len(setup), 500):
                    await runner.handle(setup[start : start + 500])
                records = [_record(_results(nip, n, rng), n) for n, nip in enumerate(nips)]
                chunks = [records[s : s + batch] for s in range(0, len(records), batch)]
                return await _timed(runner, chunks, profile)
            finally:
                await service.database.dispose()


async def _timed(
    runner: ConsumerRunner, chunks: list[list[ConsumerRecord[bytes, bytes]]], profile: Path | None
) -> dict[str, Any]:
    profiler: Any = None
    if profile is not None:
        from pyinstrument import Profiler

        profiler = Profiler(async_mode="disabled", interval=0.0005)
        profiler.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    for chunk in chunks:
        await runner.handle(chunk)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if profile is not None:
        profiler.stop()
        report = profiler.output_text(unicode=True, show_all=False)
        await asyncio.to_thread(profile.write_text, report)
    count = sum(len(c) for c in chunks)
    return {
        "employees": count,
        "seconds": elapsed,
        "per_second": count / elapsed,
        "cpu_ms_per_employee": 1000 * cpu / count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--lanes", type=int, default=2, help="transactions side by side")
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    figures = asyncio.run(run(args.employees, args.batch, args.lanes, args.profile))
    print(
        f"{figures['employees']:,} employees (9 results each) in {figures['seconds']:.2f} s: "
        f"{figures['per_second']:,.0f} employees/s, "
        f"{1000 / figures['per_second']:.2f} ms per employee, of which "
        f"{figures['cpu_ms_per_employee']:.2f} ms CPU in this process (the rest: PostgreSQL)"
    )


if __name__ == "__main__":
    main()
