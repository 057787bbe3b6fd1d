"""When a running system has done all it was asked, by the broker's and the databases'
own figures (client-side gauges can trail the log): every outbox sent, every event
consumed by recommendation, every recalculation done."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from bangkom.platform.db.messaging import outbox
from bangkom.recommendation.handlers import EVENT_HANDLERS
from tests.infra import group_lag
from tests.processes import System

Settled = Callable[[], Awaitable[bool]]


@asynccontextmanager
async def settling(
    system: System,
    http: httpx.AsyncClient,
    headers: dict[str, str],
    producers: tuple[str, ...] = ("evaluation", "training"),
) -> AsyncIterator[Settled]:
    """A probe for wait_for: true once recommendation has everything ``producers`` wrote.
    Outboxes first: a row leaves its outbox only once Kafka has it, so a lag of 0 read
    after them counts it."""
    engines = [create_async_engine(system[name].database_url) for name in producers]
    unsent = select(func.count()).select_from(outbox)
    recommendation = system["recommendation"]
    topics = sorted({f"{system.topic_prefix}{event.TOPIC.name}" for event in EVENT_HANDLERS})

    async def settled() -> bool:
        for engine in engines:
            async with engine.connect() as connection:
                if (await connection.execute(unsent)).scalar_one():
                    return False
        if await group_lag(f"{system.topic_prefix}bangkom.recommendation", topics):
            return False
        answer = await http.get(f"{recommendation.url}/recalculations", headers=headers)
        assert answer.status_code == 200, answer.text
        return bool(answer.json()["pending"] == 0)

    try:
        yield settled
    finally:
        for engine in engines:
            await engine.dispose()
