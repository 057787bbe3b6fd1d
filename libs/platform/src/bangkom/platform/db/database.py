"""A service's database handle: engine, session factory and the outbox wake-up signal."""

from __future__ import annotations

import asyncio
from functools import cached_property

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.engine import create_engine, is_sqlite


class Database:
    """Created by a service's bootstrap; connects lazily on first use."""

    def __init__(self, url: str, *, pool_size: int = 10, echo: bool = False) -> None:
        self.url = url
        self.engine: AsyncEngine = create_engine(url, pool_size=pool_size, echo=echo)
        self.sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        self.outbox_written = asyncio.Event()
        # Set while this process's relay holds the publishing lock: a commit then wakes
        # it through outbox_written alone, without a NOTIFY round trip for other processes.
        self.relay_leads_here = False
        self.held: set[str] = set()  # names held by bangkom.platform.db.locks.exclusive (SQLite)

    @cached_property
    def is_sqlite(self) -> bool:  # asked on every commit: the URL is parsed once
        return is_sqlite(self.url)

    async def dispose(self) -> None:
        await self.engine.dispose()
