"""Scheduled work of the training service: the daily 20 JP check (after which an agency
that fell behind hears of it once) and placing accepted proposals whose course has
opened a session since they arrived (enrolment windows open by the calendar, not by
an event)."""

from __future__ import annotations

import asyncio
from datetime import time

from bangkom.kernel.calendar import WIB
from bangkom.platform.auth import Caller, Role
from bangkom.platform.bus import MessageBus
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.observability.logs import get_logger
from bangkom.platform.observability.metrics import JP_PACE_BEHIND
from bangkom.platform.workers import Worker, next_daily, pause
from bangkom.training.handlers import commands
from bangkom.training.handlers.ports import TrainingUnitOfWork

log = get_logger(__name__)
SCHEDULER = Caller(subject="training:scheduler", roles=frozenset({Role.SERVICE}))


def compliance_worker(
    bus: MessageBus[TrainingUnitOfWork], *, at: time, clock: Clock = utc_now
) -> Worker:
    """Check every agency against the pace each day at ``at`` WIB."""

    async def run(stop: asyncio.Event) -> None:
        while True:
            now = clock()
            if await pause(stop, (next_daily(now, at, WIB) - now).total_seconds()):
                return
            checks = await bus.handle(commands.CheckCompliance(SCHEDULER))
            for check in checks:
                JP_PACE_BEHIND.labels(check.figures.agency_code).set(int(check.pace.behind))
            log.info(
                "compliance checked",
                agencies=len(checks),
                behind=sum(check.pace.behind for check in checks),
                alerted=sum(check.alerted for check in checks),
            )

    return run


def placement_worker(bus: MessageBus[TrainingUnitOfWork], *, every_s: float) -> Worker:
    """Place waiting requests into sessions whose enrolment has opened."""

    async def run(stop: asyncio.Event) -> None:
        while True:
            placed = await bus.handle(commands.PlaceWaitingRequests(SCHEDULER))
            if placed:
                log.info("waiting requests placed", placed=placed)
            if await pause(stop, every_s):
                return

    return run
