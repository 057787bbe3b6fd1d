"""The summary worker: what changes while it recomputes stays marked (and reads stay
exact), two replicas never recompute one agency at once, and after the migration that
brings the summaries the worker fills them for the data already there."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from prometheus_client import REGISTRY
from sqlalchemy import func, insert
from sqlalchemy.engine import Connection
from sqlmodel import select

from bangkom.kernel.jp import TARGET_JP
from bangkom.platform.db.migrations import alembic_config
from bangkom.platform.observability.metrics import WORK_PENDING
from bangkom.recommendation.adapters.tables import (
    AnalyticsMarkRow,
    CompletionRow,
    ComplianceSummaryRow,
    GapRow,
    GapSummaryRow,
    JpmSummaryRow,
    PlacementRow,
    metadata,
)
from bangkom.recommendation.bootstrap import MIGRATIONS, bootstrap
from bangkom.recommendation.config import RecommendationSettings
from bangkom.recommendation.handlers.workers import refresh_summaries, summary_worker
from tests import factories
from tests.infra import a_database, wait_for
from tests.integration.recommendation.summary_world import (
    THIS_YEAR,
    World,
    assert_agree,
    open_world,
)

BACKENDS = [pytest.param("postgresql", marks=pytest.mark.postgres), "sqlite"]


async def _marked(world: World) -> set[str]:
    async with world.service.uow_factory() as uow:
        found = await uow.session.exec(select(AnalyticsMarkRow.agency_code))  # type: ignore[attr-defined]
        return set(found.all())


async def _summed_jp(world: World, agency: str) -> int:
    async with world.service.uow_factory() as uow:
        found = await uow.session.exec(  # type: ignore[attr-defined]
            select(ComplianceSummaryRow.jp_total).where(ComplianceSummaryRow.agency_code == agency)
        )
        return int(found.one())


@pytest.mark.postgres
async def test_marks_made_while_the_worker_recomputes_survive_it(tmp_path: Path) -> None:
    """PostgreSQL only: SQLite lets one writer at a time, so nothing commits while the
    worker's transaction is open."""
    async with open_world("postgresql", tmp_path) as world:
        await world.refresh()
        person = next(p for p in world.people if p.employment_type == "PNS")
        await world.send(world.result(person, "M.01", 4))  # marks the person's agency
        jp_before = await _summed_jp(world, person.agency)

        async with world.service.uow_factory() as worker:
            summaries = worker.summaries  # type: ignore[attr-defined]
            claim = await summaries.claim(limit=100, year=THIS_YEAR, target=TARGET_JP)
            assert person.agency in claim.agencies
            # One change commits before the worker sums, another after it summed.
            await world.send(world.result(person, "M.05", 5))
            await summaries.recompute(claim)
            await world.send(world.completion(person, 12, failed=False, last_year=False))
            await summaries.clear(claim)
            await worker.commit()

        assert person.agency in await _marked(world)
        # The summary misses the completion: the mark sends reads to the GROUP BY.
        assert await _summed_jp(world, person.agency) == jp_before
        await assert_agree(world, "a recomputation with changes around it")

        await world.refresh()
        assert await _marked(world) == set()
        assert await _summed_jp(world, person.agency) == jp_before + 12
        await assert_agree(world, "the next recomputation")


@pytest.mark.postgres
async def test_two_workers_never_recompute_one_agency_at_once(tmp_path: Path) -> None:
    async with open_world("postgresql", tmp_path) as world:
        marked = await _marked(world)
        assert len(marked) > 1
        async with world.service.uow_factory() as one, world.service.uow_factory() as other:
            first = await one.summaries.claim(limit=2, year=THIS_YEAR, target=TARGET_JP)  # type: ignore[attr-defined]
            second = await other.summaries.claim(limit=100, year=THIS_YEAR, target=TARGET_JP)  # type: ignore[attr-defined]
            assert len(first.agencies) == 2
            assert set(second.agencies) == marked - set(first.agencies)
            for uow, claim in ((other, second), (one, first)):
                await uow.summaries.recompute(claim)  # type: ignore[attr-defined]
                await uow.summaries.clear(claim)  # type: ignore[attr-defined]
                await uow.commit()

        assert await _marked(world) == set()
        await assert_agree(world, "two workers")


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_new_year_sums_20_jp_again(backend: str, tmp_path: Path) -> None:
    """Summed in December, read in January: last year's 20 JP summaries are never read
    for this year's figures; the worker sums the agencies again, a few at a time."""
    async with open_world(backend, tmp_path) as world:
        for person in world.people[:4]:
            await world.send(world.completion(person, 12, failed=False, last_year=False))
        december = datetime(THIS_YEAR - 1, 12, 31, 12, tzinfo=UTC)
        january = datetime(THIS_YEAR, 1, 1, 12, tzinfo=UTC)

        async def summed_in(moment: datetime, limit: int = 100) -> int:
            factory = world.service.uow_factory
            return await refresh_summaries(factory, limit=limit, clock=lambda: moment)

        assert await summed_in(december)
        await assert_agree(world, "summed last year")
        assert await summed_in(january, limit=1) == 1
        await assert_agree(world, "one agency summed this year")
        while await summed_in(january):
            pass
        await assert_agree(world, "every agency summed this year")
        async with world.service.uow_factory() as uow:
            years = await uow.session.exec(select(ComplianceSummaryRow.year).distinct())  # type: ignore[attr-defined]
            assert years.all() == [THIS_YEAR]


async def test_a_round_that_finds_nothing_shows_the_queue_empty(tmp_path: Path) -> None:
    # Each replica exports its own gauge: one whose last claim is long past (another
    # replica drained the queue since) must not keep showing that claim's count.
    async with open_world("sqlite", tmp_path) as world:
        await world.refresh()
        WORK_PENDING.labels("analytics-summaries").set(7)  # a count from long ago

        assert await refresh_summaries(world.service.uow_factory, limit=10) == 0
        assert (
            REGISTRY.get_sample_value(
                "bangkom_work_pending_items", {"queue": "analytics-summaries"}
            )
            == 0
        )


def _migrate_to(connection: Connection, url: str, revision: str) -> None:
    config = alembic_config(url, metadata, MIGRATIONS)
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_worker_fills_the_summaries_after_the_migration(
    backend: str, tmp_path: Path
) -> None:
    at = datetime(THIS_YEAR, 3, 1, tzinfo=UTC)
    agencies = ["12.73.DINKES", "12.73.DISDIK", "12.71.BKPSDM"]
    people = [(factories.nip(), agencies[i % 3]) for i in range(9)]
    async with a_database(backend, tmp_path) as url:
        service = bootstrap(
            RecommendationSettings(database_url=url, auth_dev_key_file=tmp_path / "dev.pem")
        )
        engine = service.database.engine
        try:
            # Data of the release before the summaries.
            async with engine.begin() as connection:
                await connection.run_sync(_migrate_to, url, "recommendation_0006")
                for number, (nip, agency) in enumerate(people):
                    await connection.execute(
                        insert(PlacementRow).values(
                            nip=nip,
                            agency_code=agency,
                            position_code="P.A",
                            employment_type="PNS",
                            active=True,
                            changed_at=at,
                        )
                    )
                    for code, required in (("M.01", 3), ("M.05", 2)):
                        await connection.execute(
                            insert(GapRow).values(
                                nip=nip,
                                competency_code=code,
                                agency_code=agency,
                                competency_name=code,
                                required_level=required,
                                current_level=number % 4 or None,
                                status="open",
                                standard_version=1,
                                calculated_at=at,
                            )
                        )
                    await connection.execute(
                        insert(CompletionRow).values(
                            completion_id=f"c-{number}",
                            nip=nip,
                            agency_code=agency,
                            outcome="passed",
                            jp=number * 3,
                            year=THIS_YEAR,
                            competencies=[],
                            completed_at=at,
                        )
                    )
            await service.prepare()  # the migration to the summaries
            world = World(service, [])
            assert await _marked(world) == set(agencies)
            await assert_agree(world, "the migration")

            stop = asyncio.Event()
            worker = asyncio.create_task(summary_worker(service.uow_factory, every_s=0.05)(stop))
            try:

                async def filled() -> bool:
                    return not await _marked(world)

                await wait_for(filled, deadline_s=20, what="the summaries filled")
            finally:
                stop.set()
                await worker

            async with engine.connect() as connection:
                for table in (GapSummaryRow, JpmSummaryRow, ComplianceSummaryRow):
                    summed = select(func.count(func.distinct(table.agency_code)))
                    assert await connection.scalar(summed) == len(agencies), table
            await assert_agree(world, "the worker filled the summaries")
        finally:
            await service.database.dispose()
