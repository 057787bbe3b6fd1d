"""Async engines for PostgreSQL (asyncpg) and SQLite (aiosqlite) behind one code path."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bangkom.platform.retry import wait_until


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Connections per process, all kept open (no overflow, below); a request beyond them waits.
POOL_SIZE = 20


def without_tls(url: URL) -> bool:
    """asyncpg tries TLS first by default; on loopback that only costs CPU. Anything else
    keeps the driver's default unless the URL says otherwise (?ssl=...)."""
    return url.host in LOOPBACK and "ssl" not in url.query


def create_engine(url: str, *, pool_size: int = POOL_SIZE, echo: bool = False) -> AsyncEngine:
    if not is_sqlite(url):
        plain = without_tls(make_url(url))
        return create_async_engine(
            url,
            pool_size=pool_size,
            # No overflow: a connection opened beyond the pool closes on return, so under
            # load every request beyond it paid a new PostgreSQL backend, and the slower
            # the service got the more it opened (issue 19: a quarter of the machine's
            # CPU, then a collapse at 75 % load). Beyond the pool a request waits its turn.
            max_overflow=0,
            echo=echo,
            connect_args={"ssl": False} if plain else {},
        )
    # One connection per process serialises writers without "database is locked";
    # BEGIN IMMEDIATE makes another process wait (busy timeout) instead of failing
    # when a read transaction later wants to write.
    engine = create_async_engine(
        url, pool_size=1, max_overflow=0, echo=echo, connect_args={"timeout": 30}
    )
    _prepare_sqlite(engine)
    return engine


def _prepare_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Agency scopes are prefix LIKEs (within_agencies): codes are case-sensitive, as
        # on PostgreSQL and in bangkom.kernel.agencies.
        cursor.execute("PRAGMA case_sensitive_like=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


async def ping(engine: AsyncEngine, within_s: float = 2.0) -> bool:
    try:
        async with asyncio.timeout(within_s), engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception:
        return False
    return True


async def wait_for_database(engine: AsyncEngine, deadline_s: float) -> None:
    """Wait until the database answers, or raise when the deadline passes."""
    await wait_until(lambda: ping(engine), deadline_s, what="database")
