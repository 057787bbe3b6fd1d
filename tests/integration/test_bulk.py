"""Bulk upserts on real PostgreSQL (rows as arrays) and on SQLite (an executemany)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, select
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.bulk import upsert
from bangkom.platform.db.types import UtcDateTime
from tests.infra import fresh_database

METADATA = MetaData()
ITEMS = Table(
    "bulk_item",
    METADATA,
    Column("code", String(16), primary_key=True),
    Column("part", Integer, primary_key=True),
    Column("level", Integer, nullable=True),
    Column("reasons", JSON, nullable=False),
    Column("at", UtcDateTime(), nullable=False),
)
AT = datetime(2026, 1, 5, 8, 30, tzinfo=UTC)


@asynccontextmanager
async def _session(kind: str, tmp_path: Path) -> AsyncIterator[AsyncSession]:
    @asynccontextmanager
    async def url() -> AsyncIterator[str]:
        if kind == "sqlite":
            yield f"sqlite+aiosqlite:///{tmp_path / 'bulk.db'}"
            return
        async with fresh_database("bulk") as postgres:
            yield postgres

    async with url() as address:
        engine = create_async_engine(address)
        async with engine.begin() as connection:
            await connection.run_sync(METADATA.create_all)
        try:
            async with AsyncSession(engine) as session:
                yield session
        finally:
            await engine.dispose()


def _row(code: str, part: int, level: int | None, reasons: list[str]) -> dict[str, Any]:
    return {
        "code": code,
        "part": part,
        "level": level,
        "reasons": reasons,
        "at": AT + timedelta(minutes=part),
    }


async def _stored(session: AsyncSession) -> dict[tuple[str, int], tuple[Any, ...]]:
    rows = (await (await session.connection()).execute(select(ITEMS))).all()
    return {(r.code, r.part): (r.level, r.reasons, r.at) for r in rows}


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def test_upsert_inserts_replaces_or_keeps_by_key(kind: str, tmp_path: Path) -> None:
    async with _session(kind, tmp_path) as session:
        many = [_row(f"c{i:03d}", i % 3, i % 5 or None, [f"r{i}"]) for i in range(300)]
        await upsert(session, ITEMS, many, ["code", "part"])
        await upsert(session, ITEMS, [_row("c001", 1, 4, ["new", "two"])], ["code", "part"])
        await upsert(
            session, ITEMS, [_row("c002", 2, 4, ["ignored"])], ["code", "part"], update=False
        )
        await session.commit()

        stored = await _stored(session)

    assert len(stored) == 300
    assert stored[("c001", 1)] == (4, ["new", "two"], AT + timedelta(minutes=1))
    assert stored[("c002", 2)] == (2, ["r2"], AT + timedelta(minutes=2))
    assert stored[("c005", 2)] == (None, ["r5"], AT + timedelta(minutes=2))
    assert stored[("c299", 2)][2].tzinfo is not None


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def test_upsert_rolls_back_with_its_transaction(kind: str, tmp_path: Path) -> None:
    async with _session(kind, tmp_path) as session:
        await upsert(session, ITEMS, [_row("kept", 1, 1, [])], ["code", "part"])
        await session.commit()
        await upsert(
            session, ITEMS, [_row("gone", 1, 1, []), _row("kept", 1, 2, [])], ["code", "part"]
        )
        await session.rollback()

        stored = await _stored(session)

    assert stored == {("kept", 1): (1, [], AT + timedelta(minutes=1))}
