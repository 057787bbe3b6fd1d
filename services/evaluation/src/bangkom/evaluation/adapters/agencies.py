"""Agencies on SQL."""

from __future__ import annotations

from sqlmodel import col, select

from bangkom.evaluation.adapters.repository import Scope, SqlRepository
from bangkom.evaluation.adapters.tables import AgencyRow
from bangkom.evaluation.domain.agency import Agency, AgencyKind
from bangkom.platform.db.scope import within_agencies


def _agency(row: AgencyRow) -> Agency:
    return Agency(
        code=row.code,
        name=row.name,
        kind=AgencyKind(row.kind),
        parent_code=row.parent_code,
        active=row.active,
        changed_at=row.changed_at,
    )


class SqlAgencyRepository(SqlRepository):
    async def get(self, code: str) -> Agency | None:
        row = await self._get(AgencyRow, code)
        return _agency(row) if row else None

    async def save(self, agency: Agency) -> None:
        await self._session.merge(AgencyRow(**{**agency.__dict__, "kind": agency.kind.value}))

    async def list(
        self, *, scope: Scope, parent_code: str | None, limit: int, offset: int
    ) -> list[Agency]:
        query = select(AgencyRow).where(within_agencies(AgencyRow.code, scope))
        if parent_code is not None:
            query = query.where(AgencyRow.parent_code == parent_code)
        query = query.order_by(col(AgencyRow.code)).limit(limit).offset(offset)
        return [_agency(row) for row in await self._session.exec(query)]
