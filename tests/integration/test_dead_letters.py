"""Dead letters an operator acts on, on the real broker: events dead-lettered by a
failing handler, the handler fixed, `bangkom dlq redrive` applied, each effect once."""

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest

from bangkom.platform.catalog import ResultRecorded, topics
from bangkom.platform.db.uow import SqlUnitOfWork
from tests.infra import KAFKA, read_topic, wait_for
from tests.integration.messaging import (
    Harness,
    consuming,
    count_result,
    harness,
    record_of,
    result_event,
    send,
)

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]
BANGKOM = Path(sys.executable).parent / "bangkom"


async def bangkom_dlq(h: Harness, *args: str) -> str:
    """The operator's command line, run as a new process against the same topics."""
    process = await asyncio.create_subprocess_exec(
        str(BANGKOM),
        "dlq",
        *args,
        env={
            **os.environ,
            "BANGKOM_KAFKA_BOOTSTRAP_SERVERS": KAFKA,
            "BANGKOM_KAFKA_TOPIC_PREFIX": h.settings.kafka_topic_prefix,
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    return out.decode()


async def test_dead_letters_redriven_after_the_fix_take_effect_once(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        broken = True

        async def fragile(event: ResultRecorded, uow: SqlUnitOfWork) -> None:
            if broken:
                raise RuntimeError(f"handler bug on {event.result_id}")
            await count_result(event, uow)

        producer = h.producer()
        await producer.start()
        runner = h.runner({ResultRecorded: [fragile]}, producer, max_attempts=2)
        try:
            async with consuming(runner):
                failing = [result_event() for _ in range(3)]
                topic = h.names(topics.RESULTS.name)
                for event in failing:
                    await send(producer, topic, record_of(event))
                await read_topic(h.names(topics.RESULTS.dead_letter), lambda r: len(r) >= 3)

                listed = [json.loads(line) for line in (await bangkom_dlq(h, "list")).splitlines()]
                assert sorted(letter["error_type"] for letter in listed) == ["RuntimeError"] * 3
                assert {letter["original_topic"] for letter in listed} == {topic}
                assert all(letter["resolution"] is None for letter in listed)

                broken = False  # the fix is deployed
                out = await bangkom_dlq(h, "redrive", "--by", "operator-1", "--reason", "fix 1.2.3")
                assert out.strip() == "re-driven: 3"

                for event in failing:
                    await wait_for(lambda e=event: h.times_handled(e.result_id), what="re-driven")
                assert (await bangkom_dlq(h, "list")).strip() == ""
                resolved = [
                    json.loads(line)
                    for line in (await bangkom_dlq(h, "list", "--all")).splitlines()
                ]
                assert {(r["resolution"]["action"], r["resolution"]["by"]) for r in resolved} == {
                    ("redriven", "operator-1")
                }

                # Re-driven once more by mistake (the same records): the inbox drops them.
                again = await bangkom_dlq(h, "redrive", "--by", "operator-1")
                assert again.strip() == "re-driven: 0"
                barrier = result_event().model_copy(update={"nip": failing[-1].nip})
                await send(producer, topic, record_of(barrier))
                await wait_for(lambda: h.times_handled(barrier.result_id), what="barrier handled")
                assert [await h.times_handled(e.result_id) for e in failing] == [1, 1, 1]
        finally:
            await producer.stop()


async def test_a_purged_dead_letter_is_closed_with_its_reason_and_never_redriven(
    tmp_path: Path,
) -> None:
    async with harness(tmp_path) as h:
        producer = h.producer()
        await producer.start()
        try:
            dead_letters = h.names(topics.RESULTS.dead_letter)
            await send(producer, dead_letters, record_of(result_event()))
            [letter] = [json.loads(line) for line in (await bangkom_dlq(h, "list")).splitlines()]

            out = await bangkom_dlq(
                h, "purge", letter["ref"], "--reason", "test data", "--by", "operator-2"
            )
            assert out.strip() == "purged: 1"

            assert (await bangkom_dlq(h, "list")).strip() == ""
            assert (await bangkom_dlq(h, "redrive", "--by", "operator-2")).strip() == "re-driven: 0"
            [closed] = [
                json.loads(line) for line in (await bangkom_dlq(h, "list", "--all")).splitlines()
            ]
            assert closed["resolution"] | {"at": None} == {
                "action": "purged",
                "reason": "test data",
                "by": "operator-2",
                "at": None,
            }
        finally:
            await producer.stop()
