"""Writing many rows at once, SQLite and PostgreSQL alike. On PostgreSQL a few rows go
in one statement whose parameters are the columns as arrays, many by COPY; both on the
session's connection, inside its transaction, so that the rows commit (or roll back)
with everything else.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, insert
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.direct import direct_statement, driver_of, in_transaction
from bangkom.platform.db.lists import on_postgresql
from bangkom.platform.db.reads import fetch_rows


async def driver_connection(session: AsyncSession) -> Any:
    """The asyncpg connection under the session, inside the session's transaction."""
    return await in_transaction(await session.connection())


# PostgreSQL: up to this many rows go as arrays in one statement; from it, by COPY.
# Arrays cost ~5.5 us of CPU per row of nine columns, COPY ~3 (4,500 gap rows), but a
# COPY that upserts needs a staging table: four statements where arrays need one.
COPY_FROM = 500


async def insert_rows(session: AsyncSession, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows at once (none may exist yet). SQLite and PostgreSQL alike."""
    if not rows:
        return
    columns = tuple(rows[0])
    if not on_postgresql(session):
        await session.exec(insert(_table(table)), params=list(rows))
        return
    raw = await driver_connection(session)
    if len(rows) >= COPY_FROM:
        records = _records(table, columns, rows)
        await raw.copy_records_to_table(_table(table).name, records=records, columns=list(columns))
        return
    statement = _unnest_statement(_table(table), columns, (), False)
    await raw.execute(statement, *_column_arrays(table, columns, rows))


async def insert_rows_together(
    session: AsyncSession, parts: Sequence[tuple[Any, Sequence[dict[str, Any]]]]
) -> None:
    """``insert_rows`` of several tables (none of whose rows may exist yet). On
    PostgreSQL a few rows of each go in one statement, the inserts chained as
    data-modifying WITH clauses: one round trip where each table took one (a command's
    audit entry and its events, on every write)."""
    parts = [(table, rows) for table, rows in parts if rows]
    small = all(len(rows) < COPY_FROM for _, rows in parts)
    if len(parts) < 2 or not small or not on_postgresql(session):
        for table, rows in parts:
            await insert_rows(session, table, rows)
        return
    shape = tuple((_table(table), tuple(rows[0])) for table, rows in parts)
    arguments = [
        array for table, rows in parts for array in _column_arrays(table, tuple(rows[0]), rows)
    ]
    raw = await driver_connection(session)
    await raw.execute(_chained_inserts(shape), *arguments)


@lru_cache(maxsize=64)
def _chained_inserts(shape: tuple[tuple[Any, tuple[str, ...]], ...]) -> str:
    """WITH t1 AS (INSERT ...), ... INSERT ...: each table's rows as arrays, numbered on."""
    inserts, number = [], 1
    for table, columns in shape:
        inserts.append(_insert_from_arrays(table, columns, first=number))
        number += len(columns)
    chained = ", ".join(f"inserted_{i} AS ({sql})" for i, sql in enumerate(inserts[:-1]))
    return f"WITH {chained} {inserts[-1]}"


async def insert_once_together(
    session: AsyncSession,
    statement: Any,
    params: dict[str, Any],
    parts: Sequence[tuple[Any, Sequence[dict[str, Any]]]],
    *,
    notify: str | None = None,
) -> bool:
    """Run ``statement``, an INSERT ... ON CONFLICT DO NOTHING RETURNING of one row built
    once, and ``insert_rows_together`` the rows of ``parts`` only if its row went in;
    return whether it did. On PostgreSQL one statement, the parts chained after the row
    as data-modifying WITH clauses that each insert only with it, and run without
    beginning a transaction when none has begun: then the statement is its own commit.
    ``notify``: a channel notified with the row, in that statement."""
    parts = [(table, rows) for table, rows in parts if rows]
    connection = await session.connection()
    direct = direct_statement(statement, connection.dialect) if on_postgresql(session) else None
    if direct is None or not all(len(rows) < COPY_FROM for _, rows in parts):
        inserted = bool(await fetch_rows(session, statement, params, reused=True))
        if inserted:
            await insert_rows_together(session, parts)
        return inserted
    shape = tuple((_table(table), tuple(rows[0])) for table, rows in parts)
    arguments = [
        array for table, rows in parts for array in _column_arrays(table, tuple(rows[0]), rows)
    ]
    raw = await driver_of(connection, begin=False)
    sql = _guarded_inserts(direct.sql, len(direct.parameters), shape, notify)
    return bool(await raw.fetch(sql, *direct.arguments(params), *arguments))


@lru_cache(maxsize=64)
def _guarded_inserts(
    first: str,
    parameters: int,
    shape: tuple[tuple[Any, tuple[str, ...]], ...],
    notify: str | None,
) -> str:
    """WITH guard AS (the first INSERT), t1 AS (INSERT ... WHERE EXISTS guard), ...
    SELECT FROM guard: one row when the first went in, none when not."""
    clauses, number = [f"guard AS ({first})"], parameters + 1
    for i, (table, columns) in enumerate(shape):
        insert = _insert_from_arrays(table, columns, first=number)
        clauses.append(f"inserted_{i} AS ({insert} WHERE EXISTS (SELECT FROM guard))")
        number += len(columns)
    selected = f"pg_notify('{notify}', '')" if notify else "1"
    return f"WITH {', '.join(clauses)} SELECT {selected} FROM guard"


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
    if not on_postgresql(session):
        statement = _upsert_statement(table, columns, tuple(keys), update)
        await session.exec(statement, params=list(rows))
        return
    raw = await driver_connection(session)
    if len(rows) >= COPY_FROM:
        await _copy_upsert(raw, _table(table), columns, rows, tuple(keys), update)
        return
    statement = _unnest_statement(_table(table), columns, tuple(keys), update)
    await raw.execute(statement, *_column_arrays(table, columns, rows))


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
        set_={c: statement.excluded[c] for c in columns if c not in keys},
    )


POSTGRESQL = PGDialect_asyncpg()  # type: ignore[no-untyped-call]


@lru_cache(maxsize=256)
def _unnest_statement(
    table: Any, columns: tuple[str, ...], keys: tuple[str, ...], update: bool
) -> str:
    """One statement for any number of rows, each column one array parameter: a single
    round trip with nothing per row but encoding (an executemany sent and ran one
    INSERT per row; COPY needed a staging table, four statements, to upsert)."""
    statement = _insert_from_arrays(table, columns, first=1)
    return f"{statement} {_on_conflict(columns, keys, update)}".rstrip()


def _insert_from_arrays(table: Any, columns: tuple[str, ...], *, first: int) -> str:
    """INSERT of the rows of one array parameter per column, numbered from ``first``."""
    arrays = ", ".join(
        f"${n}::{table.c[c].type.compile(dialect=POSTGRESQL)}[]"
        for n, c in enumerate(columns, first)
    )
    listed = ", ".join(f'"{c}"' for c in columns)
    return f'INSERT INTO "{table.name}" ({listed}) SELECT * FROM unnest({arrays})'


def _on_conflict(columns: tuple[str, ...], keys: tuple[str, ...], update: bool) -> str:
    """What an insert does with a row whose key exists (nothing to say without keys)."""
    if not keys:
        return ""
    conflict = ", ".join(f'"{k}"' for k in keys)
    changed = [c for c in columns if c not in keys]
    if not update or not changed:
        return f"ON CONFLICT ({conflict}) DO NOTHING"
    assignments = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in changed)
    return f"ON CONFLICT ({conflict}) DO UPDATE SET {assignments}"


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


def _records(
    table: Any, columns: tuple[str, ...], rows: Sequence[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """Rows as COPY records, in the order of ``columns``; JSON documents as text. (Per
    value work is what a large COPY costs in Python: a C-level itemgetter for the rest.)"""
    values = itemgetter(*columns)
    records = [values(row) for row in rows]
    if len(columns) == 1:
        records = [(value,) for value in records]
    json_columns = _json_columns(table)
    documents = [i for i, c in enumerate(columns) if c in json_columns]
    if not documents:
        return records
    converted = []
    for record in records:
        fields = list(record)
        for i in documents:
            if fields[i] is not None:
                fields[i] = json.dumps(fields[i])
        converted.append(tuple(fields))
    return converted


async def _copy_upsert(
    raw: Any,
    table: Any,
    columns: tuple[str, ...],
    rows: Sequence[dict[str, Any]],
    keys: tuple[str, ...],
    update: bool,
) -> None:
    """COPY into a temporary table of the same shape, then insert from it."""
    staging = f"staging_{table.name}_{zlib.crc32(','.join(columns).encode()):08x}"
    listed = ", ".join(f'"{c}"' for c in columns)
    await raw.execute(
        f'CREATE TEMP TABLE IF NOT EXISTS "{staging}" ON COMMIT DELETE ROWS AS '
        f'SELECT {listed} FROM "{table.name}" WITH NO DATA'
    )
    await raw.copy_records_to_table(
        staging, records=_records(table, columns, rows), columns=list(columns)
    )
    await raw.execute(
        f'INSERT INTO "{table.name}" ({listed}) SELECT {listed} FROM "{staging}" '
        + _on_conflict(columns, keys, update)
    )
    await raw.execute(f'TRUNCATE "{staging}"')


def _json_columns(table: Any) -> set[str]:
    return {c.name for c in _table(table).columns if isinstance(c.type, JSON)}


def _table(table: Any) -> Any:
    """The Core table of an ORM class (or the table itself)."""
    return getattr(table, "__table__", table)
