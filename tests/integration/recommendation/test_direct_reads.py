"""Prefetch statements run by asyncpg alone (platform.db.direct) give the rows the Core
gives them, timestamps, JSON and all, inside the unit of work's transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import delete

from bangkom.kernel.gaps import Requirement
from bangkom.platform.db.direct import direct_statement
from bangkom.platform.db.lists import LISTED
from bangkom.platform.db.reads import fetch_listed
from bangkom.recommendation.adapters import read_models
from bangkom.recommendation.adapters.tables import PlacementRow
from bangkom.recommendation.adapters.uow import SqlRecommendationUnitOfWork
from bangkom.recommendation.domain.model import Placement, PositionStandard
from tests import factories
from tests.integration.recommendation.tables import recommendation_tables

pytestmark = pytest.mark.postgres
AT = datetime(2026, 11, 2, 2, 30, tzinfo=UTC)


async def test_direct_rows_equal_the_cores_inside_the_transaction(tmp_path: Path) -> None:
    nip, other = factories.nip(), factories.nip()
    requirements = {"M.01": Requirement("M.01", "Integritas", 3)}
    builders = (read_models._placements_of, read_models._standards_of)
    async with recommendation_tables("postgresql", tmp_path) as database:
        async with SqlRecommendationUnitOfWork(database) as uow:
            await uow.standards.save(PositionStandard("P-1", "12.73.DINKES", 2, requirements, AT))
            await uow.placements.save(Placement(nip, "12.73.DINKES", "P-1", True, AT, other, "PNS"))
            await uow.commit()

        async with SqlRecommendationUnitOfWork(database) as uow:
            connection = await uow.session.connection()
            assert all(direct_statement(build(True), connection.dialect) for build in builders)
            placed = await fetch_listed(uow.session, read_models._placements_of, [nip, other])
            standards = await fetch_listed(uow.session, read_models._standards_of, ["P-1"])
            by_core = [
                (await connection.execute(build(True), {LISTED: keys})).all()
                for build, keys in zip(builders, ([nip, other], ["P-1"]), strict=True)
            ]
            # Unflushed and uncommitted: the driver reads in the same transaction.
            await uow.session.exec(delete(PlacementRow).where(PlacementRow.nip == nip))  # type: ignore[call-overload]
            gone = await fetch_listed(uow.session, read_models._placements_of, [nip])
            await uow.rollback()
            back = await fetch_listed(uow.session, read_models._placements_of, [nip])

    assert [tuple(r) for r in placed] == [tuple(r) for r in by_core[0]]
    assert [tuple(r) for r in standards] == [tuple(r) for r in by_core[1]]
    assert placed[0].changed_at == AT
    assert placed[0].changed_at.tzinfo is UTC
    assert standards[0].requirements == [
        {"competency_code": "M.01", "competency_name": "Integritas", "required_level": 3}
    ]
    assert (gone, [r.nip for r in back]) == ([], [nip])
