"""Proposals on SQL."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import fields
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Row, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.bulk import upsert
from bangkom.platform.db.lists import listed
from bangkom.platform.db.reads import fetch_listed
from bangkom.platform.db.scope import within_agencies
from bangkom.recommendation.adapters.tables import ProposalRow
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus

Flush = Callable[[], Awaitable[None]]


PROPOSAL_COLUMNS = tuple(getattr(ProposalRow, f.name) for f in fields(Proposal))


def _proposal(row: ProposalRow | Row[Any]) -> Proposal:
    return Proposal(
        id=row.id,
        nip=row.nip,
        agency_code=row.agency_code,
        competency_code=row.competency_code,
        course_code=row.course_code,
        current_level=row.current_level,
        required_level=row.required_level,
        jp=row.jp,
        score=row.score,
        reasons=tuple(row.reasons),
        status=ProposalStatus(row.status),
        created_at=row.created_at,
        updated_at=row.updated_at,
        decided_by=row.decided_by,
        status_reason=row.status_reason,
        plan_id=row.plan_id,
    )


def _values(proposal: Proposal) -> dict[str, object]:
    return {
        **proposal.__dict__,
        "reasons": list(proposal.reasons),
        "status": proposal.status.value,
    }


class SqlProposalStore:
    """Proposals of the employees a transaction touches are kept, and what changed is
    written in bulk at commit."""

    def __init__(self, session: AsyncSession, flush_all: Flush) -> None:
        self._session = session
        self._flush_all = flush_all
        self._of: dict[str, dict[str, Proposal]] = {}  # nip -> id -> proposal
        self._dirty: dict[str, Proposal] = {}

    async def prefetch(self, nips: Iterable[str]) -> None:
        wanted = [n for n in set(nips) if n not in self._of]
        if not wanted:
            return
        for nip in wanted:
            self._of[nip] = {}
        # Plain columns (rows read like ProposalRow), not ORM objects: a batch loads many.
        rows = await fetch_listed(self._session, _proposals_of, wanted)
        for row in rows:
            self._of[row.nip][row.id] = _proposal(row)

    async def add(self, proposal: Proposal) -> None:
        await self.save(proposal)

    async def get(self, proposal_id: str) -> Proposal | None:
        for proposals in self._of.values():
            if proposal_id in proposals:
                return proposals[proposal_id]
        # Always from the database (not the session's identity map): read again after
        # hold_employees, it must see what others committed meanwhile.
        row = await self._session.get(ProposalRow, proposal_id, populate_existing=True)
        return _proposal(row) if row else None

    async def save(self, proposal: Proposal) -> None:
        if proposal.nip not in self._of:
            await self.prefetch([proposal.nip])
        self._of[proposal.nip][proposal.id] = proposal
        self._dirty[proposal.id] = proposal

    async def of_person(self, nip: str) -> list[Proposal]:
        await self.prefetch([nip])
        return sorted(self._of[nip].values(), key=lambda p: (p.created_at, p.id))

    async def flush(self) -> None:
        await upsert(self._session, ProposalRow, [_values(p) for p in self._dirty.values()], ["id"])
        self._dirty.clear()

    async def stale(self, *, proposed_before: datetime, limit: int) -> list[Proposal]:
        await self._flush_all()
        rows = await self._session.exec(
            select(ProposalRow)
            .where(
                ProposalRow.status == ProposalStatus.PROPOSED.value,
                col(ProposalRow.created_at) < proposed_before,
            )
            .order_by(col(ProposalRow.created_at))
            .limit(limit)
        )
        return [_proposal(row) for row in rows]

    async def list(
        self,
        *,
        nip: str | None = None,
        scope: frozenset[str] | None = None,
        status: ProposalStatus | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[Proposal]:
        await self._flush_all()
        query = _filtered(select(ProposalRow), nip, scope, status)
        query = (
            query.order_by(col(ProposalRow.created_at).desc(), col(ProposalRow.id))
            .limit(limit)
            .offset(offset)
        )
        return [_proposal(row) for row in await self._session.exec(query)]

    async def count(
        self,
        *,
        nip: str | None = None,
        scope: frozenset[str] | None = None,
        status: ProposalStatus | None = None,
    ) -> int:
        await self._flush_all()
        query = _filtered(select(func.count()).select_from(ProposalRow), nip, scope, status)
        return int((await self._session.exec(query)).one())


def _filtered(
    query: Any, nip: str | None, scope: frozenset[str] | None, status: ProposalStatus | None
) -> Any:
    query = query.where(within_agencies(ProposalRow.agency_code, scope))
    if nip is not None:
        query = query.where(ProposalRow.nip == nip)
    if status is not None:
        query = query.where(ProposalRow.status == status.value)
    return query


@lru_cache(maxsize=2)
def _proposals_of(postgresql: bool) -> Any:
    """Built once per dialect (see bangkom.platform.db.lists)."""
    return select(*PROPOSAL_COLUMNS).where(listed(ProposalRow.nip, postgresql))
