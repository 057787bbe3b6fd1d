"""The roster on SQL."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.evaluation.adapters.repository import Scope, SqlRepository
from bangkom.evaluation.adapters.tables import EmployeeRow
from bangkom.evaluation.domain.model import Employee
from bangkom.evaluation.domain.roster_search import RosterSearch
from bangkom.kernel.nip import EmploymentType
from bangkom.platform.db.lists import listed
from bangkom.platform.db.reads import fetch_listed
from bangkom.platform.db.scope import within_agencies


def _employee(row: EmployeeRow) -> Employee:
    return Employee(
        nip=row.nip,
        name=row.name,
        employment_type=EmploymentType(row.employment_type),
        agency_code=row.agency_code,
        position_code=row.position_code,
        active=row.active,
        changed_at=row.changed_at,
        supervisor_nip=row.supervisor_nip,
    )


class SqlEmployeeRepository(SqlRepository):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self._absent: set[str] = set()  # looked up at once and not there

    async def prefetch(self, nips: Iterable[str]) -> None:
        wanted = set(nips)
        if not wanted:
            return
        rows = await self._session.exec(select(EmployeeRow).where(col(EmployeeRow.nip).in_(wanted)))
        found = {row.nip: row for row in rows}
        self._kept.update(((EmployeeRow, nip), row) for nip, row in found.items())
        self._absent |= wanted - found.keys()

    async def get(self, nip: str) -> Employee | None:
        if nip in self._absent:
            return None
        row = await self._get(EmployeeRow, nip)
        return _employee(row) if row else None

    async def save(self, employee: Employee) -> None:
        values = {**employee.__dict__, "employment_type": employee.employment_type.value}
        row = EmployeeRow(**values)
        if employee.nip in self._absent:
            self._absent.discard(employee.nip)
            self._kept[EmployeeRow, employee.nip] = row
            self._session.add(row)  # known to be new: no lookup before the insert
        else:
            await self._session.merge(row)

    async def agencies_of(self, nips: Iterable[str]) -> dict[str, str]:
        wanted = list(set(nips))
        if not wanted:
            return {}
        # Read committed needs no transaction: before a result's insert, none is begun,
        # and the insert can commit by itself (SqlUnitOfWork.insert_once).
        rows = await fetch_listed(self._session, _agencies_of, wanted, begin=False)
        return {nip: agency for nip, agency in rows}

    async def count_on_positions(self, position_codes: Iterable[str]) -> dict[str, int]:
        codes = set(position_codes)
        if not codes:
            return {}
        rows = await self._session.exec(
            select(EmployeeRow.position_code, func.count())
            .where(col(EmployeeRow.position_code).in_(codes))
            .where(EmployeeRow.active == True)  # noqa: E712 (SQL expression)
            .group_by(col(EmployeeRow.position_code))
        )
        return {code: count for code, count in rows}

    async def list(
        self,
        *,
        scope: Scope,
        active: bool | None,
        limit: int,
        offset: int,
        search: RosterSearch | None = None,
    ) -> list[Employee]:
        query = select(EmployeeRow).where(within_agencies(EmployeeRow.agency_code, scope))
        if active is not None:
            query = query.where(EmployeeRow.active == active)
        if search is not None:
            query = query.where(_matching(search))
        query = query.order_by(col(EmployeeRow.nip)).limit(limit).offset(offset)
        return [_employee(row) for row in await self._session.exec(query)]


def _matching(search: RosterSearch) -> Any:
    """The rule of domain.roster_search in SQL: a NIP range (the primary key's index)
    or a part of the lower-cased name (ix_employee_name_trgm on PostgreSQL)."""
    if search.nip_range is not None:
        first, last = search.nip_range
        return col(EmployeeRow.nip).between(first, last)
    part = (search.name_part or "").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(EmployeeRow.name).like(f"%{part}%", escape="\\")


@lru_cache(maxsize=2)
def _agencies_of(postgresql: bool) -> Any:
    """Built once per dialect (see bangkom.platform.db.lists): every request asks it."""
    return select(EmployeeRow.nip, EmployeeRow.agency_code).where(
        listed(col(EmployeeRow.nip), postgresql)
    )
