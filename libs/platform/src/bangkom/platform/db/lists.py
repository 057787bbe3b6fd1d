"""``column IN (values)`` whose SQL does not change with the number of values.

SQLAlchemy renders ``IN`` with one parameter per value, so a batch of another size is
another statement text, which asyncpg prepares again (a round trip and ~0.4 ms of CPU
each, measured). On PostgreSQL ``= ANY(array)`` takes the values as one parameter.

The values are bound when the statement runs, so that it is built once: building a
statement (and its cache key) again for every execution cost ~0.4 ms of CPU, as much
as running it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ARRAY, ColumnElement, any_, bindparam
from sqlalchemy.ext.asyncio import AsyncSession

LISTED = "listed"  # the parameter that carries the values of ``listed``


def listed(column: Any, postgresql: bool) -> ColumnElement[bool]:
    """True for rows whose ``column`` is one of the values passed as ``LISTED`` when the
    statement runs."""
    if postgresql:
        return column == any_(bindparam(LISTED, type_=ARRAY(column.type)))  # type: ignore[no-any-return]
    return column.in_(bindparam(LISTED, expanding=True))  # type: ignore[no-any-return]


def on_postgresql(session: AsyncSession) -> bool:
    """Whether the session talks to PostgreSQL (else SQLite, the embedded default)."""
    bind = session.bind
    return bind is not None and bind.dialect.name == "postgresql"
