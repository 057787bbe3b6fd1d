"""Writing many rows at once: COPY into PostgreSQL inside the session's transaction, and
upserts that work on SQLite and PostgreSQL alike.

asyncpg's COPY runs on the same connection as the session; the session's
transaction is opened first so that the copied rows commit (or roll back) with
everything else.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel.ext.asyncio.session import AsyncSession


async def driver_connection(session: AsyncSession) -> Any:
    """The asyncpg connection under the session, inside the session's transaction."""
    connection = await session.connection()
    raw: Any = (await connection.get_raw_connection()).driver_connection
    if not raw.is_in_transaction():
        # SQLAlchemy's asyncpg adapter opens the transaction with its first statement.
        await connection.execute(text("SELECT 1"))
    return raw


async def copy_rows(
    session: AsyncSession, table: str, columns: Sequence[str], records: Sequence[tuple[Any, ...]]
) -> None:
    raw = await driver_connection(session)
    await raw.copy_records_to_table(table, records=records, columns=list(columns))


# From this many rows, PostgreSQL gets them by COPY through a staging table.
COPY_FROM = 64


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
    bind = session.bind
    sqlite = bind is not None and bind.dialect.name == "sqlite"
    if not sqlite and len(rows) >= COPY_FROM:
        await _copy_upsert(session, table, rows, keys, update=update)
        return
    statement = _upsert_statement(sqlite, table, tuple(rows[0]), tuple(keys), update)
    await session.exec(statement, params=list(rows))


@lru_cache(maxsize=256)
def _upsert_statement(
    sqlite: bool, table: Any, columns: tuple[str, ...], keys: tuple[str, ...], update: bool
) -> Any:
    """Built once per shape: building it (and its ``excluded`` alias) cost more than
    running it for the few rows of a small transaction."""
    dialect_insert: Any = sqlite_insert if sqlite else postgresql_insert
    # On the table, not the ORM class: a Core executemany, without the ORM's bulk path.
    statement = dialect_insert(getattr(table, "__table__", table))
    if not update:
        return statement.on_conflict_do_nothing(index_elements=list(keys))
    return statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={c: getattr(statement.excluded, c) for c in columns if c not in keys},
    )


def _records(table: Any, columns: list[str], rows: Sequence[dict[str, Any]]) -> list[Any]:
    """Rows as COPY records, in the order of ``columns``; COPY takes JSON documents as
    text. (Per value work is what a large COPY costs in Python: kept to a C-level
    itemgetter for the common columns.)"""
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


def _json_columns(table: Any) -> set[str]:
    columns = getattr(table, "__table__", table).columns
    return {c.name for c in columns if isinstance(c.type, JSON)}


def _name(table: Any) -> str:
    return str(getattr(table, "__tablename__", None) or table.name)


async def _copy_upsert(
    session: AsyncSession,
    target: Any,
    rows: Sequence[dict[str, Any]],
    keys: Sequence[str],
    *,
    update: bool,
) -> None:
    table = _name(target)
    columns = list(rows[0])
    staging = f"staging_{table}_{zlib.crc32(','.join(columns).encode()):08x}"
    listed = ", ".join(f'"{c}"' for c in columns)
    raw = await driver_connection(session)
    await raw.execute(
        f'CREATE TEMP TABLE IF NOT EXISTS "{staging}" ON COMMIT DELETE ROWS AS '
        f'SELECT {listed} FROM "{table}" WITH NO DATA'
    )
    await raw.copy_records_to_table(
        staging,
        records=_records(target, columns, rows),
        columns=columns,
    )
    conflict = ", ".join(f'"{k}"' for k in keys)
    action = (
        "DO UPDATE SET " + ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in columns if c not in keys)
        if update
        else "DO NOTHING"
    )
    await raw.execute(
        f'INSERT INTO "{table}" ({listed}) SELECT {listed} FROM "{staging}" '
        f"ON CONFLICT ({conflict}) {action}"
    )
    await raw.execute(f'TRUNCATE "{staging}"')
