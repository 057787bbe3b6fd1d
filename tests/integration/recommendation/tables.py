"""Recommendation's tables, created from its metadata, on a fresh PostgreSQL or SQLite
database: for tests of one store or one read, with no service running."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from pathlib import Path

from bangkom.platform.db.database import Database
from bangkom.recommendation.adapters.tables import metadata
from tests.infra import database_with


def recommendation_tables(kind: str, tmp_path: Path) -> AbstractAsyncContextManager[Database]:
    return database_with(kind, tmp_path, metadata)
