"""Statements built once, run by the driver inside the session's transaction.

Through SQLAlchemy's Core a one-row lookup costs ~170 µs of CPU on asyncpg, run by
asyncpg alone ~70 (measured, issue 19): per execution the Core looks the statement up
in its cache, sets up an execution context and a result, in a greenlet. The hot
statements of a request or a batch are built once (per dialect, by an lru_cache) and
need none of that: their SQL is compiled once here, asyncpg runs it in the session's
transaction with the parameters and columns converted as the Core converts them (its
types' processors), and the rows come back as named tuples. A statement whose SQL the
Core renders per execution (an expanding IN) or whose values it fills in itself
(literals, Python-side defaults) keeps the Core's path.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection

Convert = Callable[[Any], Any]


@dataclass(frozen=True)
class DirectStatement:
    sql: str
    parameters: tuple[tuple[str, Convert | None], ...]  # of $1, $2, ...: name, conversion
    row: type[tuple[Any, ...]]
    results: tuple[Convert | None, ...] | None  # per column; None: none converts

    def arguments(self, params: Mapping[str, Any]) -> list[Any]:
        return [
            params[name] if convert is None else convert(params[name])
            for name, convert in self.parameters
        ]

    def rows(self, records: Sequence[Any]) -> list[Any]:
        row, results = self.row, self.results
        if results is None:
            return [row(*record) for record in records]
        return [
            row(
                *(
                    v if convert is None else convert(v)
                    for convert, v in zip(results, record, strict=True)
                )
            )
            for record in records
        ]


async def fetch_direct(
    connection: AsyncConnection, statement: Any, params: Mapping[str, Any], *, begin: bool = True
) -> Sequence[Any] | None:
    """The rows of ``statement`` run by asyncpg, or None when it needs the Core.
    ``begin=False``: see ``driver_of``."""
    if connection.dialect.name != "postgresql":
        return None
    direct = direct_statement(statement, connection.dialect)
    if direct is None:
        return None
    driver = await driver_of(connection, begin=begin)
    return direct.rows(await driver.fetch(direct.sql, *direct.arguments(params)))


async def in_transaction(connection: AsyncConnection) -> Any:
    """The asyncpg connection under ``connection``, its transaction begun. SQLAlchemy's
    adapter begins it lazily with the first statement; this begins it as the adapter
    does (one BEGIN), so that what the driver runs is inside it."""
    return await driver_of(connection, begin=True)


async def driver_of(connection: AsyncConnection, *, begin: bool) -> Any:
    """The asyncpg connection under ``connection``. ``begin=False`` leaves a transaction
    that has not begun unbegun: a read that needs none (read committed, each statement
    sees what is committed as it starts, inside a transaction or not) costs no BEGIN,
    and a write after it may commit by itself (``SqlUnitOfWork.insert_once``)."""
    adapted: Any = (await connection.get_raw_connection()).dbapi_connection
    if begin and adapted._transaction is None:
        await adapted._start_transaction()
    return adapted.driver_connection


async def transaction_begun(connection: AsyncConnection) -> bool:
    """Whether the driver's transaction under ``connection`` has begun (SQLAlchemy's
    adapter begins it with the first statement that needs it)."""
    adapted: Any = (await connection.get_raw_connection()).dbapi_connection
    return adapted._transaction is not None


# Statements are built once each (per dialect): few, and kept as long as their builders'.
@lru_cache(maxsize=512)
def direct_statement(statement: Any, dialect: Dialect) -> DirectStatement | None:
    """The statement compiled with the conversions the Core would apply (its types'
    processors), or None when the Core must render it per execution or a conversion
    depends on what the driver reports (e.g. Numeric's)."""
    compiled = statement.compile(dialect=dialect)
    if "POSTCOMPILE" in compiled.string or not compiled._result_columns:
        return None  # rendered per execution, or rows of no known columns (text())
    if any(
        bind.expanding or bind.value is not None or bind.callable is not None
        for bind in compiled.binds.values()
    ):
        return None  # values the Core fills in itself: literals, defaults
    if compiled.insert_prefetch or compiled.update_prefetch:
        return None  # columns whose Python-side defaults the Core computes
    converts = compiled._bind_processors
    try:
        results = tuple(
            type_._cached_result_processor(dialect, None) for *_, type_ in compiled._result_columns
        )
    except (TypeError, KeyError):
        return None
    names = [keyname for keyname, *_ in compiled._result_columns]
    return DirectStatement(
        sql=compiled.string,
        parameters=tuple((name, converts.get(name)) for name in compiled.positiontup or ()),
        row=namedtuple("Row", names, rename=True),
        results=results if any(results) else None,
    )
