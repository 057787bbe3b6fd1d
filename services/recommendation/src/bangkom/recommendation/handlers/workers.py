"""Background work: recalculations queued by standard changes, done in batches (each
its own transaction, so progress shows and a crash loses nothing), the expiry of
proposals nobody decided, and the analytics summaries of agencies whose figures
changed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bangkom.kernel.calendar import local_date
from bangkom.kernel.jp import TARGET_JP
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.observability.logs import get_logger
from bangkom.platform.observability.metrics import WORK_PENDING
from bangkom.platform.workers import Worker, pause
from bangkom.recommendation.handlers.ports import RecommendationUnitOfWork
from bangkom.recommendation.handlers.recalculation import (
    DEFAULT_POLICY,
    Policy,
    recalculate,
    save_status,
)

log = get_logger(__name__)
UowFactory = Callable[[], RecommendationUnitOfWork]


async def recalculate_batch(
    uow_factory: UowFactory, *, batch_size: int, policy: Policy = DEFAULT_POLICY
) -> int:
    """Recalculate up to ``batch_size`` queued employees in one transaction."""
    async with uow_factory() as uow:
        # Employees first, queue rows second: a consumer batch holds its employees and
        # then queues others, so claiming rows before holding could wait in a cycle.
        waiting = await uow.recalculations.next_waiting(batch_size)
        await uow.hold_employees(waiting)
        taken = await uow.recalculations.take(waiting)
        await uow.prefetch(nip for nip, _ in taken)
        for nip, as_of in taken:
            await recalculate(uow, nip, as_of, policy)
        await uow.commit()
        WORK_PENDING.labels("recalculation").set(await _pending(uow_factory))
    return len(taken)


async def _pending(uow_factory: UowFactory) -> int:
    async with uow_factory() as uow:
        return await uow.recalculations.pending()


def recalculation_worker(
    uow_factory: UowFactory,
    *,
    batch_size: int = 200,
    idle_s: float = 0.5,
    policy: Policy = DEFAULT_POLICY,
) -> Worker:
    async def run(stop: asyncio.Event) -> None:
        while not stop.is_set():
            done = await recalculate_batch(uow_factory, batch_size=batch_size, policy=policy)
            if done:
                log.info("recalculated after a standard change", employees=done)
            else:
                await pause(stop, idle_s)

    return run


async def expire_stale(
    uow_factory: UowFactory, *, policy: Policy = DEFAULT_POLICY, clock: Clock = utc_now
) -> int:
    """Undecided proposals older than the policy allows expire."""
    now = clock()
    async with uow_factory() as uow:
        stale = await uow.proposals.stale(proposed_before=now - policy.proposal_ttl, limit=1000)
        # Read again once held: a decision or recalculation may have come first.
        await uow.hold_employees(p.nip for p in stale)
        for seen in stale:
            proposal = await uow.proposals.get(seen.id)
            expired = proposal.expired(now) if proposal is not None else None
            if expired is not None:
                await save_status(uow, expired)
        await uow.commit()
    return len(stale)


def expiry_worker(
    uow_factory: UowFactory, *, every_s: float = 3600.0, policy: Policy = DEFAULT_POLICY
) -> Worker:
    async def run(stop: asyncio.Event) -> None:
        while not stop.is_set():
            await expire_stale(uow_factory, policy=policy)
            await pause(stop, every_s)

    return run


async def refresh_summaries(uow_factory: UowFactory, *, limit: int, clock: Clock = utc_now) -> int:
    """Recompute the summaries of up to ``limit`` marked agencies (20 JP of this year,
    WIB) in one transaction; the number recomputed."""
    async with uow_factory() as uow:
        claim = await uow.summaries.claim(
            limit=limit, year=local_date(clock()).year, target=TARGET_JP
        )
        await uow.summaries.recompute(claim)
        await uow.summaries.clear(claim)
        await uow.commit()
        # Every round, not only after a claim: a replica whose last claim is long past
        # would otherwise show its old count (and keep BangkomWorkBacklogStuck firing).
        WORK_PENDING.labels("analytics-summaries").set(await uow.summaries.marked())
    return len(claim.agencies)


def summary_worker(
    uow_factory: UowFactory, *, batch_size: int = 50, every_s: float = 5.0
) -> Worker:
    """Marked agencies are recomputed every ``every_s`` (the writes of that while, to one
    agency, cost one recomputation), at once while more than a batch waits. Not sooner:
    a read answers a marked agency by its GROUP BY anyway, and recomputing every half
    second cost PostgreSQL a fifth more CPU per result at the single-result maximum
    (bench.latency: 2.1 ms a result against 1.7 ms every 5 s; issue 19)."""

    async def run(stop: asyncio.Event) -> None:
        while not stop.is_set():
            if await refresh_summaries(uow_factory, limit=batch_size) < batch_size:
                await pause(stop, every_s)

    return run
