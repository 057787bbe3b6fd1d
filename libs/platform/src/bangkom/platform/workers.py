"""Background work a service runs beside its API and consumer, until it is stopped."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta, tzinfo

# Runs until the event is set, then returns (the runtime restarts it if it fails).
Worker = Callable[[asyncio.Event], Awaitable[None]]


async def pause(stop: asyncio.Event, seconds: float) -> bool:
    """Wait ``seconds`` unless stopped first; True when stopped."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), max(seconds, 0.0))
    return stop.is_set()


def next_daily(now: datetime, at: time, zone: tzinfo) -> datetime:
    """The next moment after ``now`` that is ``at`` o'clock in ``zone``."""
    local = now.astimezone(zone)
    due = datetime.combine(local.date(), at, tzinfo=zone)
    if due <= local:
        due = datetime.combine(local.date() + timedelta(days=1), at, tzinfo=zone)
    return due
