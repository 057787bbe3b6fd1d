"""``column IN (values)`` whose SQL does not change with the number of values.

SQLAlchemy renders ``IN`` with one parameter per value, so a batch of another size is
another statement text, which asyncpg prepares again (a round trip and ~0.4 ms of CPU
each, measured). On PostgreSQL ``= ANY(array)`` takes the values as one parameter.

``among`` puts the values in the statement; ``listed`` leaves them to the execution,
for statements built once: building a statement (and its cache key) again for every
execution cost ~0.4 ms of CPU, as much as running it (a prefetch of nine queries).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, any_, bindparam
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel.ext.asyncio.session import AsyncSession


def among(
    column: Any, values: Iterable[Any], runner: AsyncSession | AsyncConnection
) -> ColumnElement[bool]:
    """True for rows whose ``column`` is one of ``values``, for a statement that
    ``runner`` (a session or a connection) executes."""
    listed = list(values)
    if len(listed) == 1:  # one value, one text either way (and no array to encode)
        return column == listed[0]  # type: ignore[no-any-return]
    bind = runner.bind if isinstance(runner, AsyncSession) else runner
    if bind is not None and bind.dialect.name == "postgresql":
        return column == any_(bindparam(None, listed, type_=ARRAY(column.type)))  # type: ignore[no-any-return]
    return column.in_(listed)  # type: ignore[no-any-return]


LISTED = "listed"  # the parameter that carries the values of ``listed``


def listed(column: Any, postgresql: bool) -> ColumnElement[bool]:
    """True for rows whose ``column`` is one of the values passed as ``LISTED`` when the
    statement runs."""
    if postgresql:
        return column == any_(bindparam(LISTED, type_=ARRAY(column.type)))  # type: ignore[no-any-return]
    return column.in_(bindparam(LISTED, expanding=True))  # type: ignore[no-any-return]


def on_postgresql(session: AsyncSession) -> bool:
    bind = session.bind
    return bind is not None and bind.dialect.name == "postgresql"
