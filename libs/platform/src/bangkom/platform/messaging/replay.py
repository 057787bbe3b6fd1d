"""Replay a service's consumed topics from the beginning into its handlers, then move its
consumer group to where the replay ended: how read models are rebuilt from the log.

Run while the service is stopped. Each event is handled in its own transaction with
its inbox claim, as the live consumer does; an event the live consumer dead-lettered
fails again here and is skipped (and counted), so both end in the same state.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlalchemy.exc import InterfaceError, OperationalError

from bangkom.platform.db.uow import UnitOfWork
from bangkom.platform.messaging.consumer import BatchHooks, EventHandlers
from bangkom.platform.messaging.envelope import UndecodableEvent, decode, headers_of
from bangkom.platform.messaging.kafka import TopicNames, connection_options, create_admin
from bangkom.platform.observability.logs import get_logger
from bangkom.platform.settings import ServiceSettings

log = get_logger(__name__)
Progress = Callable[[int, int], None]  # (records read, records to read)
GROUP_MOVE_DEADLINE_S = 60.0


@dataclass
class ReplayReport:
    read: int = 0
    handled: int = 0
    skipped: int = 0


async def _partitions(settings: ServiceSettings, topics: list[str]) -> list[TopicPartition]:
    admin = create_admin(settings)
    await admin.start()
    try:
        described = await admin.describe_topics(topics)
    finally:
        await admin.close()
    return [
        TopicPartition(topic["topic"], partition["partition"])
        for topic in described
        for partition in topic.get("partitions", [])
    ]


async def replay(
    settings: ServiceSettings,
    handlers: EventHandlers,
    uow_factory: Callable[[], UnitOfWork],
    *,
    hooks: BatchHooks | None = None,
    progress: Progress | None = None,
) -> ReplayReport:
    names = TopicNames(settings.kafka_topic_prefix)
    partitions = await _partitions(settings, sorted({names(e.TOPIC.name) for e in handlers}))
    # "earliest" also for the reset the client does by itself on assignment, so that it
    # cannot race the explicit seek below and start at the end.
    reader = AIOKafkaConsumer(
        **connection_options(settings), enable_auto_commit=False, auto_offset_reset="earliest"
    )
    await reader.start()
    report = ReplayReport()
    try:
        reader.assign(partitions)
        ends = await reader.end_offsets(partitions)
        starts = await reader.beginning_offsets(partitions)
        await reader.seek_to_beginning(*partitions)
        total = sum(ends[tp] - starts[tp] for tp in partitions)
        remaining = {tp for tp in partitions if ends[tp] > starts[tp]}
        log.info("replay started", events=total, partitions=len(remaining))
        while remaining:
            batch = await reader.getmany(*remaining, timeout_ms=500)
            for tp, records in batch.items():
                for record in records:
                    if record.offset >= ends[tp]:
                        continue
                    report.read += 1
                    await _handle(record, handlers, uow_factory, hooks or BatchHooks(), report)
            # Done by position, not by the last record seen: offsets may have gaps.
            remaining = {tp for tp in remaining if await reader.position(tp) < ends[tp]}
            if progress is not None:
                progress(report.read, total)
    finally:
        await reader.stop()
    log.info("replay read the log; moving the consumer group", read=report.read)
    await _move_group(settings, ends)
    return report


async def _handle(
    record: object,
    handlers: EventHandlers,
    uow_factory: Callable[[], UnitOfWork],
    hooks: BatchHooks,
    report: ReplayReport,
) -> None:
    try:
        incoming = decode(headers_of(record.headers), record.key, record.value)  # type: ignore[attr-defined]
    except UndecodableEvent:
        report.skipped += 1
        return
    if incoming is None or type(incoming.payload) not in handlers:
        return
    try:
        async with uow_factory() as uow:
            if await uow.claim(incoming.id, incoming.type):
                if hooks.before is not None:
                    await hooks.before(uow, [incoming.payload])
                for handler in handlers[type(incoming.payload)]:
                    await handler(incoming.payload, uow)
                if hooks.after is not None:
                    await hooks.after(uow)
                await uow.commit()
        report.handled += 1
    except (OperationalError, InterfaceError, ConnectionError):
        raise
    except Exception as exc:
        report.skipped += 1
        log.warning(
            "replay skipped an event its handler refuses", event_id=incoming.id, error=repr(exc)
        )


async def _move_group(settings: ServiceSettings, ends: dict[TopicPartition, int]) -> None:
    """The live consumer group continues after what the replay covered."""
    committer = AIOKafkaConsumer(
        **connection_options(settings),
        group_id=settings.consumer_group,
        enable_auto_commit=False,
    )
    await committer.start()
    try:
        committer.assign(list(ends))
        async with asyncio.timeout(GROUP_MOVE_DEADLINE_S):
            await committer.commit(dict(ends))
    except TimeoutError as exc:
        raise RuntimeError(
            f"could not move consumer group {settings.consumer_group} within "
            f"{GROUP_MOVE_DEADLINE_S:g}s: is the service still running?"
        ) from exc
    finally:
        await committer.stop()
