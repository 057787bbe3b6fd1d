"""Respondent store on SQL."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.survey.adapters.tables import RespondentRow
from bangkom.survey.domain.respondents import Respondent


def _respondent(row: RespondentRow) -> Respondent:
    return Respondent(
        row.nip, row.name, row.agency_code, row.position_code, row.active, row.changed_at
    )


class SqlRespondentStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, nip: str) -> Respondent | None:
        row = await self._session.get(RespondentRow, nip)
        return _respondent(row) if row else None

    async def save(self, respondent: Respondent) -> None:
        await self._session.merge(RespondentRow(**respondent.__dict__))

    async def in_agency(self, agency_code: str, *, limit: int, offset: int) -> list[Respondent]:
        rows = await self._session.exec(
            select(RespondentRow)
            .where(RespondentRow.agency_code == agency_code, RespondentRow.active == True)  # noqa: E712
            .order_by(col(RespondentRow.nip))
            .limit(limit)
            .offset(offset)
        )
        return [_respondent(row) for row in rows]
