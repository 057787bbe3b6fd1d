"""Bulk upserts on real PostgreSQL (rows as arrays) and on SQLite (an executemany)."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.bulk import COPY_FROM, insert_rows, insert_rows_together, upsert
from bangkom.platform.db.types import UtcDateTime
from tests.infra import scratch_session

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
    async with scratch_session(kind, tmp_path, METADATA) as session:
        # A few rows (arrays on PostgreSQL), then many (COPY), half of them known.
        few = [_row(f"c{i:03d}", i % 3, i % 5 or None, [f"r{i}"]) for i in range(300)]
        many = [_row(f"c{i:03d}", i % 3, i % 5 or None, [f"again {i}"]) for i in range(150, 750)]
        assert len(few) < COPY_FROM <= len(many)
        await upsert(session, ITEMS, few, ["code", "part"])
        await upsert(session, ITEMS, many, ["code", "part"], update=False)
        await upsert(session, ITEMS, [_row("c001", 1, 4, ["new", "two"])], ["code", "part"])
        await upsert(
            session, ITEMS, [_row("c002", 2, 4, ["ignored"])], ["code", "part"], update=False
        )
        await upsert(session, ITEMS, many[-COPY_FROM:], ["code", "part"])
        await session.commit()

        stored = await _stored(session)

    assert len(stored) == 750
    assert stored[("c001", 1)] == (4, ["new", "two"], AT + timedelta(minutes=1))
    assert stored[("c002", 2)] == (2, ["r2"], AT + timedelta(minutes=2))
    assert stored[("c005", 2)] == (None, ["r5"], AT + timedelta(minutes=2))
    assert stored[("c200", 2)][1] == ["r200"]  # known before the COPY that kept it
    assert stored[("c249", 0)][1] == ["r249"]  # known, and before the last COPY's rows
    assert stored[("c250", 1)][1] == ["again 250"]  # replaced by the last COPY
    assert stored[("c700", 1)][1] == ["again 700"]  # new in the COPY
    assert stored[("c299", 2)][2].tzinfo is not None


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def test_insert_rows_many_and_few(kind: str, tmp_path: Path) -> None:
    async with scratch_session(kind, tmp_path, METADATA) as session:
        await insert_rows(session, ITEMS, [_row(f"n{i:03d}", 0, i, [str(i)]) for i in range(3)])
        await insert_rows(
            session, ITEMS, [_row(f"m{i:04d}", 1, None, []) for i in range(COPY_FROM + 1)]
        )
        await session.commit()

        stored = await _stored(session)

    assert len(stored) == COPY_FROM + 4
    assert stored[("n002", 0)] == (2, ["2"], AT)
    assert stored[("m0000", 1)] == (None, [], AT + timedelta(minutes=1))


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def test_upsert_rolls_back_with_its_transaction(kind: str, tmp_path: Path) -> None:
    async with scratch_session(kind, tmp_path, METADATA) as session:
        await upsert(session, ITEMS, [_row("kept", 1, 1, [])], ["code", "part"])
        await session.commit()
        await upsert(
            session, ITEMS, [_row("gone", 1, 1, []), _row("kept", 1, 2, [])], ["code", "part"]
        )
        await session.rollback()

        stored = await _stored(session)

    assert stored == {("kept", 1): (1, [], AT + timedelta(minutes=1))}


NOTES = Table(
    "bulk_note",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("text", String(32), nullable=False),
    Column("data", JSON, nullable=True),
)


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def test_rows_of_several_tables_inserted_together_land_as_inserted_alone(
    kind: str, tmp_path: Path
) -> None:
    """On PostgreSQL one statement (chained WITH inserts) for a few rows of each."""
    items = [_row(f"t{i}", i, i or None, [f"r{i}", "two"]) for i in range(3)]
    notes = [
        {"id": 1, "text": "satu", "data": {"a": [1, 2]}},
        {"id": 2, "text": "dua", "data": None},
    ]
    async with scratch_session(kind, tmp_path, METADATA) as session:
        await insert_rows_together(session, [(ITEMS, items), (NOTES, []), (NOTES, notes)])
        await session.commit()
        stored = await _stored(session)
        connection = await session.connection()
        kept = (await connection.execute(select(NOTES).order_by(NOTES.c.id))).all()

    assert stored == {(r["code"], r["part"]): (r["level"], r["reasons"], r["at"]) for r in items}
    assert [tuple(row) for row in kept] == [(1, "satu", {"a": [1, 2]}), (2, "dua", None)]
