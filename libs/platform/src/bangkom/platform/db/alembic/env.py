"""Alembic environment shared by every service (see bangkom.platform.db.migrations)."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import String, Text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

config = context.config


def _render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Render the platform's and SQLModel's column types as plain importable code."""
    if type_ != "type":
        return False
    name = type(obj).__name__
    if name == "AutoString":
        return f"sa.String({obj.length})" if obj.length else "sa.Text()"
    if name == "UtcDateTime":
        autogen_context.imports.add("from bangkom.platform.db.types import UtcDateTime")
        return "UtcDateTime()"
    if obj.__class__.__name__ == "JSON" or getattr(obj, "_variant_mapping", None):
        autogen_context.imports.add("from bangkom.platform.db.types import JsonDocument")
        return "JsonDocument"
    return False


def _compare_type(
    _context: Any, _inspected: Any, _column: Any, inspected_type: Any, metadata_type: Any
) -> bool | None:
    """SQLite reports TEXT for an unbounded string: not a change. Else Alembic decides."""
    declared = getattr(metadata_type, "impl", metadata_type)  # SQLModel's AutoString decorates
    unbounded = isinstance(declared, String) and declared.length is None
    if isinstance(inspected_type, Text) and unbounded:
        return False
    return None


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=config.attributes["target_metadata"],
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=_compare_type,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_own_engine(url: str) -> None:
    engine = create_async_engine(url, poolclass=NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


shared_connection = config.attributes.get("connection")
if shared_connection is not None:
    _run(shared_connection)
else:
    asyncio.run(_run_with_own_engine(config.attributes["database_url"]))
