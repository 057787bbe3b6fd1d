"""Poison: records no consumer can handle, sent on every consumed topic while the load
runs, and what must become of them.

- ``malformed_json``: a CloudEvent of the topic's type whose data is not JSON;
- ``wrong_schema``: the topic's type with data of another shape (a producer that moved
  to a new schema without a new type): it does not validate;
- ``unknown_type``: a well-formed event of a type no consumer knows (a newer producer's).

The first two go to ``<topic>.dlq`` once per consumer group, with the error in their
headers (at least once: a copy written again after a kill names the same group and
original offset, and is counted as such); the third is not a poison by design
(consumers ignore what is not theirs, so a producer may add a type to a topic before its
consumers learn it) and must not reach a dead-letter topic. Either way the partition
behind them keeps flowing: the campaign's other checks (every effect, lag 0) fail
otherwise. A handler that raises on a valid
event is dead-lettered the same way after its retries; no real handler raises on
purpose, so that kind is proven with a failing handler on the real broker
(tests/integration/test_consumer.py, test_dead_letters.py).

Every poison record carries the header ``bench_poison`` (its kind), copied into its
dead letters, so the effect accounting leaves them out.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from aiokafka import AIOKafkaProducer

from bangkom.platform.catalog.base import event_types
from bench.faults.accounting import Check
from bench.faults.topics import POISON_MARK, Rec

DEAD_LETTERED = ("malformed_json", "wrong_schema")
IGNORED = ("unknown_type",)


@dataclass(frozen=True)
class Poison:
    topic: str  # logical name
    kind: str
    event_id: str


def _type_on(topic: str) -> str:
    return next(t for t, event in sorted(event_types().items()) if event.TOPIC.name == topic)


def _record(topic: str, kind: str) -> tuple[Poison, bytes, list[tuple[str, bytes]]]:
    event_id = f"poison-{kind}-{uuid.uuid4()}"
    event_type = "id.go.bangkom.bench.unknown.v1" if kind == "unknown_type" else _type_on(topic)
    value = {
        "malformed_json": b'{"not json',
        "wrong_schema": json.dumps({"schema": 2, "renamed_everything": True}).encode(),
        "unknown_type": json.dumps({"anything": "at all"}).encode(),
    }[kind]
    headers = [
        ("ce_specversion", b"1.0"),
        ("ce_id", event_id.encode()),
        ("ce_source", b"/bench/faults/poison"),
        ("ce_type", event_type.encode()),
        ("ce_time", b"2026-12-05T00:00:00+00:00"),
        ("content-type", b"application/json"),
        (POISON_MARK, kind.encode()),
    ]
    return Poison(topic, kind, event_id), value, headers


async def send_poison(bootstrap: str, prefix: str, topics: Iterable[str]) -> list[Poison]:
    """One record of each kind on each topic, acknowledged by all in-sync replicas."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    sent = []
    try:
        for topic in sorted(set(topics)):
            for kind in (*DEAD_LETTERED, *IGNORED):
                poison, value, headers = _record(topic, kind)
                await producer.send_and_wait(
                    f"{prefix}{topic}", value=value, key=poison.event_id.encode(), headers=headers
                )
                sent.append(poison)
    finally:
        await producer.stop()
    return sent


def poison_checks(
    sent: list[Poison], marked: list[Rec], consumes: Mapping[str, tuple[str, ...]]
) -> list[Check]:
    """Each dead-lettering kind once in ``<topic>.dlq`` per consumer group of its topic,
    with the error in its headers; nothing of the ignored kind in a dead-letter topic."""
    groups: dict[str, set[str]] = {}
    for service, read in consumes.items():
        for topic in read:
            groups.setdefault(topic, set()).add(service)
    letters: dict[tuple[str, str], list[Rec]] = {}
    for record in marked:
        if record.topic.endswith(".dlq"):
            letters.setdefault((record.headers.get("ce_id", ""), record.topic), []).append(record)
    checks = []
    for kind in DEAD_LETTERED:
        check = Check(f"poison {kind}: in <topic>.dlq once per consumer group", 0, 0)
        resent = 0
        for poison in (p for p in sent if p.kind == kind):
            wanted = groups.get(poison.topic, set())
            copies = letters.get((poison.event_id, f"{poison.topic}.dlq"), [])
            # Dead-lettering is at least once: a consumer killed after writing the dead
            # letter and before committing its offset writes it again when it restarts.
            # A copy names the same group and original offset; another letter would not.
            distinct = {_letter_of(r): r for r in copies}
            seen = [group for group, _, _ in distinct]
            check.expected += len(wanted)
            check.found += len(distinct)
            resent += len(copies) - len(distinct)
            missing = [g for g in wanted if not any(s.endswith(g) for s in seen)]
            check.lost += len(missing)
            check.duplicated += max(0, len(distinct) - len(wanted))
            check.wrong += sum(1 for r in distinct.values() if "dlq.error.type" not in r.headers)
            for group in missing:
                check.example(f"{poison.topic} {kind}: not dead-lettered by {group}")
        if resent:
            check.note = f"{resent} dead letters written again after a kill (same group, offset)"
        checks.append(check)
    ignored = Check("poison unknown_type: ignored, in no dead-letter topic", 0, 0)
    for poison in (p for p in sent if p.kind in IGNORED):
        found = [
            r for (event_id, _), rs in letters.items() if event_id == poison.event_id for r in rs
        ]
        ignored.wrong += len(found)
        ignored.found += len(found)
    checks.append(ignored)
    return checks


def _letter_of(record: Rec) -> tuple[str, str, str]:
    """Which consumer group dead-lettered which original record."""
    headers = record.headers
    return (
        headers.get("dlq.consumer.group", ""),
        headers.get("dlq.original.partition", ""),
        headers.get("dlq.original.offset", ""),
    )
