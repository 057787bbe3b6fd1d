"""The store of a survey's respondents and where each of them stands."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, insert, or_
from sqlmodel import col, select

from bangkom.platform.db.scope import within_agencies
from bangkom.survey.adapters.read_models import Store
from bangkom.survey.adapters.tables import (
    SupervisorRatingRow,
    SurveyRespondentRow,
    SurveyResponseRow,
)
from bangkom.survey.domain.eligibility import Respondent
from bangkom.survey.domain.tracking import Progress, UnitTally
from bangkom.survey.handlers.ports import Scope


def _respondent(row: SurveyRespondentRow) -> Respondent:
    values = row.model_dump(exclude={"has_standard"})
    return Respondent(**{**values, "required": dict(row.required)})


def _respondent_row(respondent: Respondent) -> dict[str, Any]:
    return {**respondent.__dict__, "has_standard": respondent.has_standard}


_answered = col(SurveyResponseRow.answered_at)
_rated = col(SupervisorRatingRow.rated_at)


def _with_progress() -> Any:
    return (
        select(SurveyRespondentRow, _answered, _rated)
        .outerjoin(
            SurveyResponseRow,
            and_(
                col(SurveyResponseRow.survey_id) == SurveyRespondentRow.survey_id,
                col(SurveyResponseRow.nip) == SurveyRespondentRow.nip,
            ),
        )
        .outerjoin(
            SupervisorRatingRow,
            and_(
                col(SupervisorRatingRow.survey_id) == SurveyRespondentRow.survey_id,
                col(SupervisorRatingRow.nip) == SurveyRespondentRow.nip,
            ),
        )
    )


class SqlRespondentStore(Store):
    async def get(self, survey_id: str, nip: str, *, lock: bool = False) -> Respondent | None:
        query = select(SurveyRespondentRow).where(
            SurveyRespondentRow.survey_id == survey_id, SurveyRespondentRow.nip == nip
        )
        if lock:
            query = query.with_for_update()
        row = (await self._session.exec(query)).first()
        return _respondent(row) if row else None

    async def add_many(self, respondents: list[Respondent]) -> None:
        if respondents:
            await self._session.exec(
                insert(SurveyRespondentRow), params=[_respondent_row(r) for r in respondents]
            )

    async def save(self, respondent: Respondent) -> None:
        await self._session.merge(SurveyRespondentRow(**_respondent_row(respondent)))

    async def of_agency(self, survey_id: str, survey_agency: str) -> list[Respondent]:
        rows = await self._session.exec(
            select(SurveyRespondentRow)
            .where(SurveyRespondentRow.survey_id == survey_id)
            .where(SurveyRespondentRow.survey_agency == survey_agency)
            .where(col(SurveyRespondentRow.excluded_at).is_(None))
        )
        return [_respondent(row) for row in rows]

    async def supervised_by(self, survey_id: str, supervisor_nip: str) -> list[Progress]:
        rows = await self._session.exec(
            _with_progress()
            .where(SurveyRespondentRow.survey_id == survey_id)
            .where(SurveyRespondentRow.supervisor_nip == supervisor_nip)
            .where(col(SurveyRespondentRow.excluded_at).is_(None))
            .order_by(col(SurveyRespondentRow.nip))
        )
        return [Progress(_respondent(row), answered, rated) for row, answered, rated in rows]

    async def involves(self, survey_id: str, nip: str) -> bool:
        found = await self._session.exec(
            select(SurveyRespondentRow.nip)
            .where(SurveyRespondentRow.survey_id == survey_id)
            .where(
                or_(
                    col(SurveyRespondentRow.nip) == nip,
                    col(SurveyRespondentRow.supervisor_nip) == nip,
                )
            )
            .limit(1)
        )
        return found.first() is not None

    async def progress(
        self,
        survey_id: str,
        *,
        agencies: Scope,
        agency_code: str | None,
        answered: bool | None,
        limit: int,
        offset: int,
    ) -> list[Progress]:
        """Included respondents in scope (and below ``agency_code``), by unit and NIP."""
        query = (
            _with_progress()
            .where(SurveyRespondentRow.survey_id == survey_id)
            .where(col(SurveyRespondentRow.excluded_at).is_(None))
            .where(within_agencies(SurveyRespondentRow.agency_code, agencies))
        )
        if agency_code is not None:
            query = query.where(
                within_agencies(SurveyRespondentRow.agency_code, frozenset({agency_code}))
            )
        if answered is not None:
            query = query.where(_answered.is_not(None) if answered else _answered.is_(None))
        query = (
            query.order_by(col(SurveyRespondentRow.agency_code), col(SurveyRespondentRow.nip))
            .limit(limit)
            .offset(offset)
        )
        rows = await self._session.exec(query)
        return [Progress(_respondent(row), at, rated) for row, at, rated in rows]

    async def tally(self, survey_id: str, *, agencies: Scope) -> list[UnitTally]:
        query = (
            _with_progress()
            .with_only_columns(
                col(SurveyRespondentRow.survey_agency),
                col(SurveyRespondentRow.agency_code),
                func.count(),
                func.count(_answered),
                func.count(_rated),
                func.sum(case((col(SurveyRespondentRow.has_standard), 0), else_=1)),
            )
            .where(SurveyRespondentRow.survey_id == survey_id)
            .where(col(SurveyRespondentRow.excluded_at).is_(None))
            .where(within_agencies(SurveyRespondentRow.agency_code, agencies))
            .group_by(col(SurveyRespondentRow.survey_agency), col(SurveyRespondentRow.agency_code))
        )
        rows = await self._session.exec(query)
        return [
            UnitTally(group, unit, eligible, answered, rated, int(without or 0))
            for group, unit, eligible, answered, rated, without in rows
        ]
