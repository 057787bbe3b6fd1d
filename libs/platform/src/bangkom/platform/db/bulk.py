"""Writing many rows at once, SQLite and PostgreSQL alike: on PostgreSQL one statement
whose parameters are the columns as arrays, on the session's connection, inside its
transaction, so that the rows commit (or roll back) with everything else.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, insert, text
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.lists import on_postgresql


async def driver_connection(session: AsyncSession) -> Any:
    """The asyncpg connection under the session, inside the session's transaction."""
    connection = await session.connection()
    raw: Any = (await connection.get_raw_connection()).driver_connection
    if not raw.is_in_transaction():
        # SQLAlchemy's asyncpg adapter opens the transaction with its first statement.
        await connection.execute(text("SELECT 1"))
    return raw


async def insert_rows(session: AsyncSession, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows at once (none may exist yet). SQLite and PostgreSQL alike."""
    if not rows:
        return
    if on_postgresql(session):
        raw = await driver_connection(session)
        statement = _unnest_statement(_table(table), tuple(rows[0]), (), False)
        await raw.execute(statement, *_column_arrays(table, tuple(rows[0]), rows))
        return
    await session.exec(insert(_table(table)), params=list(rows))


async def upsert(
    session: AsyncSession,
    table: Any,
    rows: Sequence[dict[str, Any]],
    keys: Sequence[str],
    *,
    update: bool = True,
) -> None:
    """Insert many rows at once; a row whose key exists replaces it (or, with
    ``update=False``, is left alone). SQLite and PostgreSQL alike; the keys must be
    unique within ``rows``."""
    if not rows:
        return
    columns = tuple(rows[0])
    if on_postgresql(session):
        raw = await driver_connection(session)
        statement = _unnest_statement(_table(table), columns, tuple(keys), update)
        await raw.execute(statement, *_column_arrays(table, columns, rows))
        return
    statement = _upsert_statement(table, columns, tuple(keys), update)
    await session.exec(statement, params=list(rows))


@lru_cache(maxsize=256)
def _upsert_statement(
    table: Any, columns: tuple[str, ...], keys: tuple[str, ...], update: bool
) -> Any:
    """Built once per shape: building it (and its ``excluded`` alias) cost more than
    running it for the few rows of a small transaction."""
    # On the table, not the ORM class: a Core executemany, without the ORM's bulk path.
    statement = sqlite_insert(_table(table))
    if not update:
        return statement.on_conflict_do_nothing(index_elements=list(keys))
    return statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={c: getattr(statement.excluded, c) for c in columns if c not in keys},
    )


POSTGRESQL = PGDialect_asyncpg()  # type: ignore[no-untyped-call]


@lru_cache(maxsize=256)
def _unnest_statement(
    table: Any, columns: tuple[str, ...], keys: tuple[str, ...], update: bool
) -> str:
    """One statement for any number of rows, each column one array parameter: a single
    round trip with nothing per row but encoding (an executemany sent and ran one
    INSERT per row; COPY needed a staging table, four statements, to upsert)."""
    arrays = ", ".join(
        f"${i}::{table.c[c].type.compile(dialect=POSTGRESQL)}[]" for i, c in enumerate(columns, 1)
    )
    listed = ", ".join(f'"{c}"' for c in columns)
    statement = f'INSERT INTO "{table.name}" ({listed}) SELECT * FROM unnest({arrays})'
    if not keys:
        return statement
    conflict = ", ".join(f'"{k}"' for k in keys)
    changed = [c for c in columns if c not in keys]
    if not update or not changed:
        return f"{statement} ON CONFLICT ({conflict}) DO NOTHING"
    assignments = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in changed)
    return f"{statement} ON CONFLICT ({conflict}) DO UPDATE SET {assignments}"


def _column_arrays(
    table: Any, columns: tuple[str, ...], rows: Sequence[dict[str, Any]]
) -> list[list[Any]]:
    """The rows as one list per column; JSON documents as text, as PostgreSQL takes
    them in an array."""
    json_columns = _json_columns(table)
    arrays = []
    for column in columns:
        values = [row[column] for row in rows]
        if column in json_columns:
            values = [None if v is None else json.dumps(v) for v in values]
        arrays.append(values)
    return arrays


def _json_columns(table: Any) -> set[str]:
    return {c.name for c in _table(table).columns if isinstance(c.type, JSON)}


def _table(table: Any) -> Any:
    """The Core table of an ORM class (or the table itself)."""
    return getattr(table, "__table__", table)
