"""Recommendation's tables, created from its metadata, on a fresh PostgreSQL or SQLite
database: for tests of one store or one read, with no service running."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bangkom.platform.db.database import Database
from bangkom.recommendation.adapters.tables import metadata
from tests.infra import a_database


@asynccontextmanager
async def recommendation_tables(kind: str, tmp_path: Path) -> AsyncIterator[Database]:
    async with a_database(kind, tmp_path) as address:
        database = Database(address)
        async with database.engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
        try:
            yield database
        finally:
            await database.dispose()
