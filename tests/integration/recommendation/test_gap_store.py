"""A recalculation writes the gap rows that changed, and only those: the rows left as
they were keep the time they were written. Losing a competency, moving agency or a new
standard version writes the employee's rows again. On PostgreSQL and on SQLite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bangkom.kernel.gaps import Gap
from bangkom.platform.db.database import Database
from bangkom.recommendation.adapters.tables import GapRow
from bangkom.recommendation.adapters.uow import SqlRecommendationUnitOfWork
from tests import factories
from tests.integration.recommendation.tables import recommendation_tables

pytestmark = pytest.mark.postgres
T1 = datetime(2026, 11, 2, 2, tzinfo=UTC)
T2, T3, T4 = T1 + timedelta(days=1), T1 + timedelta(days=2), T1 + timedelta(days=3)
DINKES, DISDIK = "12.73.DINKES", "12.73.DISDIK"


async def _replace(
    database: Database, nip: str, agency: str, gaps: list[Gap], version: int, at: datetime
) -> None:
    async with SqlRecommendationUnitOfWork(database) as uow:
        await uow.gaps.replace(nip, agency, gaps, version, at)
        await uow.commit()


async def _rows(database: Database, nip: str) -> dict[str, tuple[Any, ...]]:
    """competency -> (current level, agency, standard version, written at)."""
    table: Any = GapRow.__table__  # type: ignore[attr-defined]
    async with database.engine.connect() as connection:
        found = await connection.execute(
            select(
                table.c.competency_code,
                table.c.current_level,
                table.c.agency_code,
                table.c.standard_version,
                table.c.calculated_at,
            ).where(table.c.nip == nip)
        )
        return {code: (level, agency, version, at) for code, level, agency, version, at in found}


@pytest.mark.parametrize("kind", ["postgresql", "sqlite"])
async def test_a_recalculation_writes_the_gaps_that_changed(kind: str, tmp_path: Path) -> None:
    nip = factories.nip()
    first = [Gap("M.01", "Integritas", 3, 3), Gap("M.02", "Kerja sama", 3, None)]
    async with recommendation_tables(kind, tmp_path) as database:
        await _replace(database, nip, DINKES, [*first, Gap("M.05", "Komunikasi", 3, 1)], 4, T1)
        await _replace(database, nip, DINKES, [*first, Gap("M.05", "Komunikasi", 3, 2)], 4, T2)
        assert await _rows(database, nip) == {
            "M.01": (3, DINKES, 4, T1),
            "M.02": (None, DINKES, 4, T1),
            "M.05": (2, DINKES, 4, T2),
        }

        # Version 5 drops M.05: its row goes, the others are written again.
        await _replace(database, nip, DINKES, first, 5, T3)
        assert await _rows(database, nip) == {
            "M.01": (3, DINKES, 5, T3),
            "M.02": (None, DINKES, 5, T3),
        }

        # A transfer: every row carries the new agency.
        await _replace(database, nip, DISDIK, first, 5, T4)
        assert await _rows(database, nip) == {
            "M.01": (3, DISDIK, 5, T4),
            "M.02": (None, DISDIK, 5, T4),
        }
