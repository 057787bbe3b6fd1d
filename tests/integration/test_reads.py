"""Plain-row reads beside the ORM (bangkom.platform.db.reads) on real PostgreSQL and on
SQLite: they see what the session holds but has not flushed, inside its transaction."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel, select

from bangkom.platform.db.reads import fetch_rows
from bangkom.platform.db.types import JsonDocument, UtcDateTime
from tests.infra import scratch_session

KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
AT = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)


class _Tables(SQLModel, registry=registry()):  # not SQLModel's shared metadata
    pass


class ReadItem(_Tables, table=True):
    __tablename__ = "read_item"

    code: str = Field(primary_key=True, max_length=16)
    steps: list[str] = Field(sa_type=JsonDocument)
    changed_at: datetime = Field(sa_type=UtcDateTime)


STATEMENT = select(ReadItem.code, ReadItem.steps, ReadItem.changed_at).order_by(ReadItem.code)


@pytest.mark.parametrize("kind", KINDS)
async def test_rows_include_what_the_session_holds_unflushed_with_their_types(
    kind: str, tmp_path: Path
) -> None:
    async with scratch_session(kind, tmp_path, _Tables.metadata) as session:
        session.add(ReadItem(code="B", steps=["M.01", "T.02"], changed_at=AT))
        session.add(ReadItem(code="A", steps=[], changed_at=AT))

        rows = await fetch_rows(session, STATEMENT)

        assert [tuple(row) for row in rows] == [("A", [], AT), ("B", ["M.01", "T.02"], AT)]
        assert rows[1].steps == ["M.01", "T.02"]  # by column name too


@pytest.mark.parametrize("kind", KINDS)
async def test_rows_are_read_inside_the_session_transaction(kind: str, tmp_path: Path) -> None:
    async with scratch_session(kind, tmp_path, _Tables.metadata) as session:
        session.add(ReadItem(code="A", steps=[], changed_at=AT))
        assert len(await fetch_rows(session, STATEMENT)) == 1

        await session.rollback()

        assert await fetch_rows(session, STATEMENT) == []
