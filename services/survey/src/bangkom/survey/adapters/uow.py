"""The survey unit of work on SQL."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.uow import SqlUnitOfWork
from bangkom.survey.adapters.stores import SqlRespondentStore
from bangkom.survey.handlers.ports import (
    RespondentStore,
)


class SqlSurveyUnitOfWork(SqlUnitOfWork):
    respondents: RespondentStore

    def bind(self, session: AsyncSession) -> None:
        self.respondents = SqlRespondentStore(session)
