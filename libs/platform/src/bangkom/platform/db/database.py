"""A service's database handle: engine, session factory and the outbox wake-up signal."""

from __future__ import annotations

import asyncio
from functools import cached_property

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.engine import POOL_SIZE, create_engine, is_sqlite, without_tls


class Database:
    """Created by a service's bootstrap; connects lazily on first use."""

    def __init__(self, url: str, *, pool_size: int = POOL_SIZE, echo: bool = False) -> None:
        self.url = url
        self.engine: AsyncEngine = create_engine(url, pool_size=pool_size, echo=echo)
        self.sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        self.outbox_written = asyncio.Event()
        # Set while this process's relay holds the publishing lock: a commit then wakes
        # it through outbox_written alone, without a NOTIFY round trip for other processes.
        self.relay_leads_here = False
        self.held: set[str] = set()  # names held by bangkom.platform.db.locks.exclusive (SQLite)
        self._pool_size = pool_size
        self._plain: asyncpg.Pool | None = None
        self._plain_created = asyncio.Lock()

    @cached_property
    def is_sqlite(self) -> bool:  # asked on every commit: the URL is parsed once
        return is_sqlite(self.url)

    async def plain_pool(self) -> asyncpg.Pool:
        """PostgreSQL: a pool of bare asyncpg connections beside the engine's, made on
        first use. A released connection is not reset (asyncpg's default is a round
        trip): it only ever ran single read statements outside a transaction."""
        if self._plain is not None:
            return self._plain
        async with self._plain_created:
            if self._plain is None:
                url = self.engine.url
                self._plain = await asyncpg.create_pool(
                    url.set(drivername="postgresql").render_as_string(hide_password=False),
                    min_size=1,
                    max_size=self._pool_size,
                    ssl=False if without_tls(url) else None,
                    reset=_keep_as_is,
                )
            return self._plain

    async def dispose(self) -> None:
        if self._plain is not None:
            await self._plain.close()
            self._plain = None
        await self.engine.dispose()


async def _keep_as_is(_connection: asyncpg.Connection) -> None:
    return None
