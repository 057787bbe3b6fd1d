"""The hot reads outside a unit of work give what the unit of work's stores give, on
PostgreSQL (asyncpg, one prepared statement) and on SQLite (the Core), asked for alone
or together."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bangkom.kernel.gaps import Gap, Requirement
from bangkom.platform.db.database import Database
from bangkom.platform.db.plain import PlainRead
from bangkom.recommendation.adapters.uow import SqlRecommendationUnitOfWork
from bangkom.recommendation.adapters.views import SqlEmployeeViews
from bangkom.recommendation.domain.model import Placement, PositionStandard
from tests import factories
from tests.integration.recommendation.tables import recommendation_tables

pytestmark = pytest.mark.postgres
AT = datetime(2026, 11, 2, 2, tzinfo=UTC)


def placement(nip: str, position: str, supervisor: str | None = None) -> Placement:
    return Placement(nip, "12.73.DINKES", position, True, AT, supervisor, "PNS")


@pytest.mark.parametrize("kind", ["postgresql", "sqlite"])
async def test_an_employees_gaps_read_alone_equal_the_stores(kind: str, tmp_path: Path) -> None:
    assessed, unassessed, unknown = factories.nip(), factories.nip(), factories.nip()
    requirements = {
        code: Requirement(code, f"Kompetensi {code}", 3) for code in ("M.05", "M.01", "M.02")
    }
    gaps = [
        Gap("M.01", "Kompetensi M.01", 3, 3),
        Gap("M.02", "Kompetensi M.02", 3, None),
        Gap("M.05", "Kompetensi M.05", 3, 1),
    ]
    async with recommendation_tables(kind, tmp_path) as database:
        async with SqlRecommendationUnitOfWork(database) as uow:
            await uow.standards.save(
                PositionStandard("P-PENGAWAS", "12.73.DINKES", 4, requirements, AT)
            )
            await uow.placements.save(placement(assessed, "P-PENGAWAS", supervisor=unknown))
            # Placed in a position without a standard yet, and without gaps.
            await uow.placements.save(placement(unassessed, "P-BARU"))
            await uow.gaps.replace(assessed, "12.73.DINKES", list(reversed(gaps)), 4, AT)
            await uow.commit()

        views = SqlEmployeeViews(database)
        found = await views.gaps(assessed)
        alone = await views.gaps(unassessed)
        nobody = await views.gaps(unknown)
        async with SqlRecommendationUnitOfWork(database) as uow:
            stored = await uow.gaps.current(assessed)
            placed = await uow.placements.get(assessed)

    assert found is not None
    assert alone is not None
    assert found.placement == placed
    assert found.standard_version == 4
    assert found.gaps == stored == gaps  # by competency code
    assert [(g.size, g.status.value) for g in found.gaps] == [
        (0, "met"),
        (None, "unknown"),
        (2, "open"),
    ]
    assert (alone.placement.position_code, alone.standard_version, alone.gaps) == (
        "P-BARU",
        None,
        [],
    )
    assert nobody is None


@pytest.mark.parametrize("kind", ["postgresql", "sqlite"])
async def test_gaps_asked_for_together_are_one_statement_with_each_ones_answer(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, unknown = factories.nip(), factories.nip(), factories.nip()
    requirements = {"M.01": Requirement("M.01", "Kompetensi M.01", 3)}
    async with recommendation_tables(kind, tmp_path) as database:
        async with SqlRecommendationUnitOfWork(database) as uow:
            await uow.standards.save(
                PositionStandard("P-PENGAWAS", "12.73.DINKES", 1, requirements, AT)
            )
            for nip, level in ((first, 1), (second, 3)):
                await uow.placements.save(placement(nip, "P-PENGAWAS"))
                await uow.gaps.replace(
                    nip, "12.73.DINKES", [Gap("M.01", "Kompetensi M.01", 3, level)], 1, AT
                )
            await uow.commit()

        views = SqlEmployeeViews(database)
        one_by_one = [await views.gaps(nip) for nip in (first, second, unknown, first)]
        statements = []
        original = PlainRead.rows

        async def counted(self: PlainRead, database: Database, **params: object) -> object:
            statements.append(params)
            return await original(self, database, **params)

        monkeypatch.setattr(PlainRead, "rows", counted)
        together = await asyncio.gather(*(views.gaps(n) for n in (first, second, unknown, first)))

    assert list(together) == one_by_one
    assert [g.current_level for found in one_by_one[:2] for g in found.gaps] == [1, 3]  # type: ignore[union-attr]
    assert one_by_one[2] is None
    assert len(statements) == 1
