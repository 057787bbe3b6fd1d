"""Learning platforms, their statements and the activity and actor mappings on SQL."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import ColumnElement, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.training.adapters.tables import (
    LearningPlatformRow,
    XapiActivityRow,
    XapiActorRow,
    XapiPullRow,
    XapiStatementRow,
)
from bangkom.training.domain.xapi import LearningPlatform, Statement, StatementStatus


def _statement(row: XapiStatementRow) -> Statement:
    return Statement(
        id=row.id,
        platform_code=row.platform_code,
        content=row.content,
        verb_id=row.verb_id,
        activity_id=row.activity_id,
        account_name=row.account_name,
        mbox=row.mbox,
        success=row.success,
        timestamp=row.timestamp,
        registration=row.registration,
        stored_at=row.stored_at,
        status=StatementStatus(row.status),
        reason=row.reason,
        completion_id=row.completion_id,
    )


def statements_about(nip: str) -> ColumnElement[bool]:
    """The statements whose actor is this employee, the way the xAPI handlers tell:
    their account (its name is the NIP) or a mailbox registered to them."""
    return or_(
        col(XapiStatementRow.account_name) == nip,
        col(XapiStatementRow.mbox).in_(select(XapiActorRow.mbox).where(XapiActorRow.nip == nip)),
    )


class SqlXapiRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def platform(self, code: str) -> LearningPlatform | None:
        row = await self._session.get(LearningPlatformRow, code)
        return LearningPlatform(**row.model_dump()) if row else None

    async def save_platform(self, platform: LearningPlatform) -> None:
        await self._session.merge(LearningPlatformRow(**asdict(platform)))

    async def course_of(self, activity_id: str) -> str | None:
        row = await self._session.get(XapiActivityRow, activity_id)
        return row.course_code if row else None

    async def map_activity(self, activity_id: str, course_code: str, by: str, at: datetime) -> None:
        await self._session.merge(
            XapiActivityRow(
                activity_id=activity_id, course_code=course_code, mapped_by=by, mapped_at=at
            )
        )

    async def nip_of(self, mbox: str) -> str | None:
        row = await self._session.get(XapiActorRow, mbox)
        return row.nip if row else None

    async def register_actor(self, mbox: str, nip: str, by: str, at: datetime) -> None:
        await self._session.merge(
            XapiActorRow(mbox=mbox, nip=nip, registered_by=by, registered_at=at)
        )

    async def pulled_since(self, source: str) -> datetime | None:
        row = await self._session.get(XapiPullRow, source)
        return row.since if row else None

    async def save_pulled_since(self, source: str, since: datetime) -> None:
        await self._session.merge(XapiPullRow(source=source, since=since))

    async def statement(self, statement_id: str) -> Statement | None:
        row = await self._session.get(XapiStatementRow, statement_id)
        return _statement(row) if row else None

    async def save_statement(self, statement: Statement) -> None:
        fields = asdict(statement)
        fields["status"] = statement.status.value
        await self._session.merge(XapiStatementRow(**fields))

    async def waiting(
        self,
        *,
        activity_id: str | None = None,
        mbox: str | None = None,
        account_name: str | None = None,
    ) -> list[Statement]:
        """Unmapped statements of an activity, a mailbox or an account, the oldest first.
        Only what is given is compared: ``== None`` would be ``IS NULL``, and every
        statement without a mailbox would have waited for each new employee."""
        given = [
            col(column) == value
            for column, value in (
                (XapiStatementRow.activity_id, activity_id),
                (XapiStatementRow.mbox, mbox),
                (XapiStatementRow.account_name, account_name),
            )
            if value is not None
        ]
        if not given:
            return []
        rows = await self._session.exec(
            select(XapiStatementRow)
            .where(XapiStatementRow.status == StatementStatus.UNMAPPED.value)
            .where(or_(*given))
            .order_by(col(XapiStatementRow.stored_at), col(XapiStatementRow.id))
        )
        return [_statement(row) for row in rows]

    async def statements(
        self, *, status: StatementStatus | None, limit: int, offset: int
    ) -> list[Statement]:
        query = select(XapiStatementRow)
        if status is not None:
            query = query.where(XapiStatementRow.status == status.value)
        rows = await self._session.exec(
            query.order_by(col(XapiStatementRow.stored_at).desc(), col(XapiStatementRow.id))
            .limit(limit)
            .offset(offset)
        )
        return [_statement(row) for row in rows]
