"""What the handlers need from storage."""

from __future__ import annotations

from typing import Protocol

from bangkom.platform.db.uow import UnitOfWork
from bangkom.survey.domain.respondents import Respondent


class RespondentStore(Protocol):
    async def get(self, nip: str) -> Respondent | None: ...

    async def save(self, respondent: Respondent) -> None: ...

    async def in_agency(self, agency_code: str, *, limit: int, offset: int) -> list[Respondent]: ...


class SurveyUnitOfWork(UnitOfWork, Protocol):
    respondents: RespondentStore
