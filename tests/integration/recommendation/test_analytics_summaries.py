"""The analytics summaries answer exactly what the GROUP BY answers, on SQLite and on
PostgreSQL: after every step of random sequences of writes (results, moves between
agencies, positions, deactivation and return, employment type, completions of this
year and the last, standard changes recalculated in batches, a rebuild), with summary
worker passes (whole or in part) between some of them and not others."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from bangkom.recommendation.adapters.tables import (
    AnalyticsMarkRow,
    ComplianceSummaryRow,
    GapSummaryRow,
    JpmSummaryRow,
)
from bangkom.recommendation.handlers.workers import refresh_summaries
from tests.integration.recommendation.summary_world import (
    AGENCIES,
    COMPETENCIES,
    POSITIONS,
    World,
    assert_agree,
    open_world,
)

BACKENDS = [pytest.param("postgresql", marks=pytest.mark.postgres), "sqlite"]
STEPS = 30
KINDS = (
    *("result", "result", "results", "move", "position", "active", "employment", "leave"),
    *("completion", "completion", "standard", "refresh", "refresh", "partial", "rebuild"),
)


async def _step(world: World, rng: random.Random) -> str:
    """One random write (or worker pass); what it was."""
    person = rng.choice(world.people)
    kind = rng.choice(KINDS)
    if kind == "result":
        await world.send(world.result(person, rng.choice(list(COMPETENCIES)), rng.randint(1, 5)))
    elif kind == "results":  # a batch about several employees, one of them moved
        chosen = rng.sample(world.people, 3)
        chosen[0].agency = rng.choice(AGENCIES)
        await world.send(
            world.placed(chosen[0]), *(world.result(p, "M.05", rng.randint(1, 5)) for p in chosen)
        )
    elif kind == "move":
        person.agency = rng.choice([a for a in AGENCIES if a != person.agency])
        await world.send(world.placed(person))
    elif kind == "position":
        person.position = rng.choice(POSITIONS)
        await world.send(world.placed(person))
    elif kind == "active":
        person.active = not person.active
        await world.send(world.placed(person))
    elif kind == "leave":  # to another agency and inactive there, in one event
        person.agency = rng.choice([a for a in AGENCIES if a != person.agency])
        person.active = False
        await world.send(world.placed(person))
    elif kind == "employment":
        person.employment_type = "PPPK" if person.employment_type == "PNS" else "PNS"
        await world.send(world.placed(person))
    elif kind == "completion":
        completion = world.completion(
            person,
            rng.choice([2, 8, 12, 20]),
            failed=rng.random() < 0.2,
            last_year=rng.random() < 0.3,
        )
        await world.send(completion)
    elif kind == "standard":
        position = rng.choice(POSITIONS)
        await world.send(world.standard(position, [rng.randint(1, 5) for _ in COMPETENCIES]))
    elif kind == "refresh":
        await world.refresh()
    elif kind == "partial":
        # One worker pass over some of the marked agencies, not all.
        await refresh_summaries(world.service.uow_factory, limit=rng.randint(1, 2))
    else:
        await world.clear()
        await assert_agree(world, "a rebuild emptied the read models")
        await world.replay()
    return f"{kind} ({person.nip})"


async def _count(world: World, table: object) -> int:
    async with world.service.uow_factory() as uow:
        found = await uow.session.exec(select(func.count()).select_from(table))  # type: ignore[attr-defined]
        return int(found.one())


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_summaries_agree_with_the_group_by_after_any_writes(
    backend: str, seed: int, tmp_path: Path
) -> None:
    rng = random.Random(seed)
    async with open_world(backend, tmp_path, seed=seed) as world:
        await assert_agree(world, "the start (nothing summed yet)")
        await world.refresh()
        await assert_agree(world, "the first summaries")
        for number in range(STEPS):
            step = await _step(world, rng)
            await assert_agree(world, f"step {number}: {step}")

        await world.refresh()
        await assert_agree(world, "the last summaries")
        # Summed, not grouped: every read above was answered from the summaries here.
        assert await _count(world, AnalyticsMarkRow) == 0
        assert await _count(world, GapSummaryRow) > 0
        assert await _count(world, JpmSummaryRow) > 0
        assert await _count(world, ComplianceSummaryRow) > 0
