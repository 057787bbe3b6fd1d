"""The agency scope in SQL (bangkom.platform.db.scope.within_agencies) agrees with the
kernel's rule (bangkom.kernel.agencies.covers) on the same cases, on SQLite and on
PostgreSQL, codes with the LIKE wildcards '%' and '_' and the escape character among
them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.kernel.agencies import covers
from bangkom.platform.db.scope import within_agencies
from tests.infra import scratch_session
from tests.rule_cases import AGENCY_COVERS, AGENCY_COVERS_CASE

KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

metadata = MetaData()
agencies = Table(
    "scoped_agency",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("agency_code", String(64), nullable=False),
)


async def _covered_in_sql(session: AsyncSession, roots: frozenset[str]) -> set[str]:
    connection = await session.connection()
    rows = await connection.execute(
        select(agencies.c.agency_code).where(within_agencies(agencies.c.agency_code, roots))
    )
    return set(rows.scalars())


async def _load(session: AsyncSession, codes: set[str]) -> None:
    connection = await session.connection()
    await connection.execute(insert(agencies), [{"agency_code": code} for code in sorted(codes)])


@pytest.mark.parametrize("kind", KINDS)
async def test_sql_and_kernel_agree_on_every_case(kind: str, tmp_path: Path) -> None:
    codes = {code for _, code, _ in AGENCY_COVERS}
    async with scratch_session(kind, tmp_path, metadata) as session:
        await _load(session, codes)
        disagreements = []
        for root, code, covered in AGENCY_COVERS:
            in_sql = code in await _covered_in_sql(session, frozenset({root}))
            if not in_sql == covers(root, code) == covered:
                disagreements.append((root, code, covered, covers(root, code), in_sql))
        assert disagreements == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "roots",
    [
        frozenset({"12.73.BKPSDM", "12.73.DIN_KES"}),
        frozenset({"12.73.DIN%", "12.73.A\\B", "12"}),
        frozenset({"12.7", "_2", "12.%"}),
    ],
)
async def test_several_roots_select_what_any_of_them_covers(
    kind: str, roots: frozenset[str], tmp_path: Path
) -> None:
    codes = {code for _, code, _ in AGENCY_COVERS}
    async with scratch_session(kind, tmp_path, metadata) as session:
        await _load(session, codes)
        expected = {c for c in codes if any(covers(root, c) for root in roots)}

        assert await _covered_in_sql(session, roots) == expected


@pytest.mark.parametrize(
    "kind",
    KINDS,
)
async def test_codes_differing_only_in_case_are_different_agencies(
    kind: str, tmp_path: Path
) -> None:
    codes = {code for _, code, _ in AGENCY_COVERS_CASE}
    async with scratch_session(kind, tmp_path, metadata) as session:
        await _load(session, codes)
        for root, code, covered in AGENCY_COVERS_CASE:
            in_sql = code in await _covered_in_sql(session, frozenset({root}))
            assert in_sql == covers(root, code) == covered
