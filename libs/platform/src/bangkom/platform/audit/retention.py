"""Entries older than the retention period are deleted, in batches, every hour."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bangkom.platform.audit.reads import forget_before
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.db.database import Database
from bangkom.platform.observability.logs import get_logger
from bangkom.platform.workers import Worker, pause

log = get_logger(__name__)
BATCH = 5000


async def forget_expired(database: Database, keep: timedelta, clock: Clock = utc_now) -> int:
    """Delete every entry older than ``keep``; how many went. Replicas doing it at
    once delete disjoint or already deleted rows: no harm."""
    cutoff, total = clock() - keep, 0
    while True:
        async with database.sessions() as session:
            gone = await forget_before(session, cutoff, batch=BATCH)
            await session.commit()
        total += gone
        if gone < BATCH:
            return total


def retention_worker(database: Database, keep: timedelta, *, every_s: float = 3600) -> Worker:
    async def run(stop: asyncio.Event) -> None:
        while not stop.is_set():
            if gone := await forget_expired(database, keep):
                log.info("audit entries past retention deleted", entries=gone)
            await pause(stop, every_s)

    return run
