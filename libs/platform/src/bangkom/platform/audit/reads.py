"""The audit log read back: newest first, filtered, within the reader's agencies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import ColumnElement, and_, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.audit_log import audit_log
from bangkom.platform.db.reads import fetch_rows
from bangkom.platform.db.scope import within_agencies


@dataclass(frozen=True)
class AuditFilter:
    object_type: str | None = None
    object_key: str | None = None
    action: str | None = None
    actor: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        c = audit_log.c
        wanted: list[ColumnElement[bool]] = []
        for column, value in (
            (c.object_type, self.object_type),
            (c.object_key, self.object_key),
            (c.action, self.action),
            (c.actor_subject, self.actor),
        ):
            if value is not None:
                wanted.append(column == value)
        if self.since is not None:
            wanted.append(c.occurred_at >= self.since)
        if self.until is not None:
            wanted.append(c.occurred_at < self.until)
        return wanted


async def read_audit(
    session: AsyncSession,
    scope: frozenset[str] | None,
    wanted: AuditFilter,
    *,
    limit: int,
    offset: int,
) -> tuple[list[dict[str, Any]], int]:
    """A page of entries (as stored, JSON decoded) and how many match in all. Entries
    of no agency (the province's framework, the catalog) are for those who see every
    agency."""
    where = and_(within_agencies(audit_log.c.agency_code, scope), *wanted.conditions())
    [(total,)] = await fetch_rows(session, select(func.count()).where(where))
    rows = await fetch_rows(
        session,
        select(audit_log)
        .where(where)
        .order_by(audit_log.c.occurred_at.desc(), audit_log.c.seq.desc())
        .limit(limit)
        .offset(offset),
    )
    entries = []
    for row in rows:
        entry = dict(row._mapping)
        del entry["seq"]
        for name in ("actor_roles", "actor_agencies", "changes"):
            entry[name] = orjson.loads(entry[name])
        entries.append(entry)
    return entries, int(total)


async def forget_before(session: AsyncSession, cutoff: datetime, *, batch: int = 5000) -> int:
    """Delete up to ``batch`` entries older than ``cutoff``; how many went."""
    oldest = (
        select(audit_log.c.seq)
        .where(audit_log.c.occurred_at < cutoff)
        .order_by(audit_log.c.seq)
        .limit(batch)
    )
    connection = await session.connection()
    result = await connection.execute(audit_log.delete().where(audit_log.c.seq.in_(oldest)))
    return int(result.rowcount)
