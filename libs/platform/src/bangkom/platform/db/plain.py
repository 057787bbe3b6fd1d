"""One statement alone, outside a unit of work: the hot reads of the APIs.

A read through a unit of work opens a session, begins a transaction, runs its
statements through the ORM and the Core, and rolls back: on PostgreSQL three round
trips and most of a small request's CPU (issue 19's profile of GET
/employees/{nip}/gaps). A single statement sees one consistent snapshot on its own. So a
``PlainRead`` is built and compiled once per dialect; on PostgreSQL it runs on a bare asyncpg
connection of the database's plain pool (asyncpg prepares it once per connection)
without a transaction; on SQLite through the Core, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Select

from bangkom.platform.db.database import Database
from bangkom.platform.db.direct import DirectStatement, direct_statement


class PlainRead:
    """A select built once per dialect (``build(postgresql)``, e.g. with db.lists'
    ``listed``), run with its bind parameters by name. Rows are tuples whose items are
    also read by column name; on PostgreSQL compiled and converted as db.direct does."""

    def __init__(self, build: Callable[[bool], Select[Any]]) -> None:
        self._build = build
        self._sqlite: Select[Any] | None = None
        self._postgresql: DirectStatement | None = None

    async def rows(self, database: Database, **params: Any) -> Sequence[Any]:
        if database.is_sqlite:
            if self._sqlite is None:
                self._sqlite = self._build(False)
            async with database.engine.connect() as connection:
                found: Sequence[Any] = (await connection.execute(self._sqlite, params)).all()
                return found
        direct = self._direct(database)
        pool = await database.plain_pool()
        async with pool.acquire() as connection:
            return direct.rows(await connection.fetch(direct.sql, *direct.arguments(params)))

    def _direct(self, database: Database) -> DirectStatement:
        if self._postgresql is None:
            found = direct_statement(self._build(True), database.engine.dialect)
            if found is None:
                raise ValueError("a PlainRead's values must all be its parameters (db.direct)")
            self._postgresql = found
        return self._postgresql
