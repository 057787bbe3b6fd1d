"""Proposals on SQL."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.scope import within_agencies
from bangkom.recommendation.adapters.tables import ProposalRow
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus


def _proposal(row: ProposalRow) -> Proposal:
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
    )


def _row(proposal: Proposal) -> ProposalRow:
    return ProposalRow(
        **{**proposal.__dict__, "reasons": list(proposal.reasons), "status": proposal.status.value}
    )


class SqlProposalStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, proposal: Proposal) -> None:
        self._session.add(_row(proposal))

    async def get(self, proposal_id: str) -> Proposal | None:
        row = await self._session.get(ProposalRow, proposal_id)
        return _proposal(row) if row else None

    async def save(self, proposal: Proposal) -> None:
        await self._session.merge(_row(proposal))

    async def of_person(self, nip: str) -> list[Proposal]:
        rows = await self._session.exec(
            select(ProposalRow).where(ProposalRow.nip == nip).order_by(col(ProposalRow.created_at))
        )
        return [_proposal(row) for row in rows]

    async def stale(self, *, proposed_before: datetime, limit: int) -> list[Proposal]:
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
        query = select(ProposalRow).where(within_agencies(ProposalRow.agency_code, scope))
        if nip is not None:
            query = query.where(ProposalRow.nip == nip)
        if status is not None:
            query = query.where(ProposalRow.status == status.value)
        query = (
            query.order_by(col(ProposalRow.created_at).desc(), col(ProposalRow.id))
            .limit(limit)
            .offset(offset)
        )
        return [_proposal(row) for row in await self._session.exec(query)]
