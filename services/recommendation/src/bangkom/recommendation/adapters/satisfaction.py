"""The public's satisfaction per unit and period, and the unit's staff and training
beside it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.lists import on_postgresql
from bangkom.platform.db.scope import within_agencies
from bangkom.recommendation.adapters.tables import CompletionRow, PlacementRow, UnitSatisfactionRow
from bangkom.recommendation.domain.satisfaction import UnitSatisfaction
from bangkom.recommendation.handlers.ports import CompletionBrief, Scope

FAILED = "failed"


def _record(row: UnitSatisfactionRow) -> UnitSatisfaction:
    return UnitSatisfaction(
        unit_code=row.unit_code,
        period=row.period,
        respondents=row.respondents,
        sample_sufficient=row.sample_sufficient,
        converted=row.converted,
        spread=row.spread,
        elements=dict(row.elements),
        closed_at=row.closed_at,
    )


class SqlSatisfactionStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def save(self, record: UnitSatisfaction) -> None:
        """Keep the record of its unit and period (a later closing of it replaces it)."""
        values = {
            "unit_code": record.unit_code,
            "period": record.period,
            "respondents": record.respondents,
            "sample_sufficient": record.sample_sufficient,
            "converted": record.converted,
            "spread": record.spread,
            "elements": record.elements,
            "closed_at": record.closed_at,
        }
        insert = postgresql.insert if on_postgresql(self._session) else sqlite.insert
        statement = insert(UnitSatisfactionRow).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=["unit_code", "period"],
            set_={k: v for k, v in values.items() if k not in ("unit_code", "period")},
            where=UnitSatisfactionRow.closed_at <= record.closed_at,  # type: ignore[arg-type]
        )
        await self._session.exec(statement)

    async def of_unit(self, unit_code: str, period: str) -> UnitSatisfaction | None:
        row = await self._session.get(UnitSatisfactionRow, (unit_code, period))
        return _record(row) if row else None

    async def staff(self, unit_code: str) -> list[str]:
        """The unit's active employees (its agency and the units below it)."""
        rows = await self._session.exec(
            select(PlacementRow.nip).where(
                within_agencies(col(PlacementRow.agency_code), frozenset({unit_code})),
                col(PlacementRow.active),
            )
        )
        return list(rows)

    async def in_both(
        self, scope: Scope, before: str, after: str
    ) -> list[tuple[UnitSatisfaction, UnitSatisfaction]]:
        rows = await self._session.exec(
            select(UnitSatisfactionRow).where(
                within_agencies(col(UnitSatisfactionRow.unit_code), scope),
                col(UnitSatisfactionRow.period).in_([before, after]),
            )
        )
        found: dict[str, dict[str, UnitSatisfaction]] = {}
        for row in rows:
            found.setdefault(row.unit_code, {})[row.period] = _record(row)
        return [
            (periods[before], periods[after])
            for unit, periods in sorted(found.items())
            if before in periods and after in periods
        ]

    async def completions(
        self, nips: Iterable[str], since: datetime, until: datetime
    ) -> list[CompletionBrief]:
        wanted = list(nips)
        if not wanted:
            return []
        rows = await self._session.exec(
            select(CompletionRow.nip, CompletionRow.course_code, CompletionRow.competencies).where(
                col(CompletionRow.nip).in_(wanted),
                col(CompletionRow.outcome) != FAILED,
                col(CompletionRow.completed_at) > since,
                col(CompletionRow.completed_at) <= until,
            )
        )
        return [CompletionBrief(nip, course, list(developed)) for nip, course, developed in rows]

    async def trained(
        self, nips: Iterable[str], competencies: Iterable[str], since: datetime, until: datetime
    ) -> set[str]:
        """Of ``nips``, those who completed (not failed) a course developing one of
        ``competencies`` between the two instants."""
        wanted, related = list(nips), set(competencies)
        if not wanted:
            return set()
        rows = await self._session.exec(
            select(CompletionRow.nip, CompletionRow.competencies).where(
                col(CompletionRow.nip).in_(wanted),
                col(CompletionRow.outcome) != FAILED,
                col(CompletionRow.completed_at) > since,
                col(CompletionRow.completed_at) <= until,
            )
        )
        return {nip for nip, developed in rows if related & set(developed)}
