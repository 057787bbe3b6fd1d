"""Stores of SKM periods and the public's answers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select

from bangkom.platform.db.lists import on_postgresql
from bangkom.platform.db.scope import within_agencies
from bangkom.survey.adapters.read_models import Store
from bangkom.survey.adapters.tables import PublicResponseRow, SatisfactionPeriodRow
from bangkom.survey.domain.satisfaction import Element, PeriodStatus, SatisfactionPeriod
from bangkom.survey.domain.satisfaction_report import PublicAnswer
from bangkom.survey.handlers.ports import Lock, Scope


def _period(row: SatisfactionPeriodRow) -> SatisfactionPeriod:
    return SatisfactionPeriod(
        id=row.id,
        unit_code=row.unit_code,
        label=row.label,
        population=row.population,
        opened_by=row.opened_by,
        opened_at=row.opened_at,
        status=PeriodStatus(row.status),
        closed_at=row.closed_at,
    )


class SqlSatisfactionStore(Store):
    async def add_period(self, period: SatisfactionPeriod) -> None:
        self._session.add(
            SatisfactionPeriodRow(
                id=period.id,
                unit_code=period.unit_code,
                label=period.label,
                population=period.population,
                status=period.status.value,
                opened_by=period.opened_by,
                opened_at=period.opened_at,
                closed_at=period.closed_at,
            )
        )
        await self._session.flush()

    async def period(self, period_id: str, *, lock: Lock = "none") -> SatisfactionPeriod | None:
        query = select(SatisfactionPeriodRow).where(SatisfactionPeriodRow.id == period_id)
        if lock == "update":
            query = query.with_for_update()
        elif lock == "share":
            query = query.with_for_update(read=True)
        row = (await self._session.exec(query)).first()
        return _period(row) if row else None

    async def save_period(self, period: SatisfactionPeriod) -> None:
        row = await self._session.get(SatisfactionPeriodRow, period.id)
        assert row is not None
        row.status, row.closed_at = period.status.value, period.closed_at
        self._session.add(row)
        await self._session.flush()

    async def periods(self, scope: Scope, unit_code: str | None) -> list[SatisfactionPeriod]:
        query = select(SatisfactionPeriodRow).where(
            within_agencies(col(SatisfactionPeriodRow.unit_code), scope)
        )
        if unit_code:
            query = query.where(SatisfactionPeriodRow.unit_code == unit_code)
        rows = await self._session.exec(query.order_by(col(SatisfactionPeriodRow.opened_at).desc()))
        return [_period(row) for row in rows]

    async def add_response(
        self,
        period_id: str,
        submission_id: str,
        ratings: Mapping[Element, int],
        respondent: Mapping[str, str],
        suggestion: str,
        at: datetime,
    ) -> bool:
        """Store the answers; False when this submission was stored before."""
        insert: Any = postgresql.insert if on_postgresql(self._session) else sqlite.insert
        statement = (
            insert(PublicResponseRow)
            .values(
                period_id=period_id,
                submission_id=submission_id,
                ratings={e.value: r for e, r in ratings.items()},
                respondent=dict(respondent),
                suggestion=suggestion,
                submitted_at=at,
            )
            .on_conflict_do_nothing(index_elements=["period_id", "submission_id"])
        )
        result: Any = await self._session.exec(statement)
        return bool(result.rowcount == 1)

    async def ratings(self, period_id: str) -> list[dict[Element, int]]:
        rows = await self._session.exec(
            select(PublicResponseRow.ratings).where(PublicResponseRow.period_id == period_id)
        )
        return [{Element(k): int(v) for k, v in ratings.items()} for ratings in rows]

    async def answers(self, period_id: str) -> list[PublicAnswer]:
        """The period's answers in the order they came."""
        rows = await self._session.exec(
            select(PublicResponseRow)
            .where(PublicResponseRow.period_id == period_id)
            .order_by(col(PublicResponseRow.submitted_at), col(PublicResponseRow.submission_id))
        )
        return [
            PublicAnswer(
                ratings={Element(k): int(v) for k, v in row.ratings.items()},
                respondent=dict(row.respondent),
                suggestion=row.suggestion,
                submitted_at=row.submitted_at,
            )
            for row in rows
        ]
