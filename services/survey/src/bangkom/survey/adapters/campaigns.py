"""Stores of survey campaigns and of the needs aggregated when they close."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, false, or_, true
from sqlmodel import col, select

from bangkom.kernel.agencies import ancestors
from bangkom.platform.db.scope import within_agencies
from bangkom.survey.adapters import codec
from bangkom.survey.adapters.read_models import Store
from bangkom.survey.adapters.tables import (
    AgencyNeedsRow,
    SurveyAgencyRow,
    SurveyRespondentRow,
    SurveyRow,
)
from bangkom.survey.domain.needs import AgencyNeeds
from bangkom.survey.domain.surveys import Survey, SurveyStatus
from bangkom.survey.handlers.ports import Lock, Scope


def _survey(row: SurveyRow) -> Survey:
    return Survey(
        id=row.id,
        title=row.title,
        period=row.period,
        agency_codes=tuple(row.agency_codes),
        created_by=row.created_by,
        created_at=row.created_at,
        description=row.description,
        deadline=row.deadline,
        extra_questions=tuple(codec.extra_in(q) for q in row.extra_questions),
        status=SurveyStatus(row.status),
        questionnaire=tuple(codec.question_in(q) for q in row.questionnaire),
        updated_at=row.updated_at,
        opened_by=row.opened_by,
        opened_at=row.opened_at,
        closed_by=row.closed_by,
        closed_at=row.closed_at,
    )


def _survey_row(survey: Survey) -> SurveyRow:
    return SurveyRow(
        id=survey.id,
        title=survey.title,
        description=survey.description,
        period=survey.period,
        status=survey.status.value,
        agency_codes=list(survey.agency_codes),
        deadline=survey.deadline,
        extra_questions=[codec.extra_out(q) for q in survey.extra_questions],
        questionnaire=[codec.question_out(q) for q in survey.questionnaire],
        created_by=survey.created_by,
        created_at=survey.created_at,
        updated_at=survey.updated_at,
        opened_by=survey.opened_by,
        opened_at=survey.opened_at,
        closed_by=survey.closed_by,
        closed_at=survey.closed_at,
    )


def _touching(agencies: frozenset[str]) -> ColumnElement[bool]:
    """Surveys with an agency at, below or above one of ``agencies``."""
    above = {code for root in agencies for code in ancestors(root)}
    return col(SurveyRow.id).in_(
        select(SurveyAgencyRow.survey_id).where(
            or_(
                col(SurveyAgencyRow.agency_code).in_(above),
                within_agencies(SurveyAgencyRow.agency_code, agencies),
            )
        )
    )


class SqlSurveyStore(Store):
    async def get(self, survey_id: str, *, lock: Lock = "none") -> Survey | None:
        query = select(SurveyRow).where(SurveyRow.id == survey_id)
        if lock == "update":
            query = query.with_for_update()
        elif lock == "share":
            query = query.with_for_update(read=True)
        row = (await self._session.exec(query)).first()
        return _survey(row) if row else None

    async def add(self, survey: Survey) -> None:
        self._session.add(_survey_row(survey))
        await self._session.flush()
        self._add_agencies(survey)

    async def save(self, survey: Survey) -> None:
        await self._session.merge(_survey_row(survey))
        await self._session.exec(
            delete(SurveyAgencyRow).where(col(SurveyAgencyRow.survey_id) == survey.id)
        )
        self._add_agencies(survey)

    def _add_agencies(self, survey: Survey) -> None:
        self._session.add_all(
            SurveyAgencyRow(survey_id=survey.id, agency_code=code) for code in survey.agency_codes
        )

    async def visible(
        self,
        *,
        agencies: Scope,
        nip: str | None,
        status: SurveyStatus | None,
        period: str | None,
        limit: int,
        offset: int,
    ) -> list[Survey]:
        visible: list[ColumnElement[bool]] = []
        if agencies is None:
            visible.append(true())
        elif agencies:
            visible.append(_touching(agencies))
        if nip is not None:
            involved = select(SurveyRespondentRow.survey_id).where(
                or_(
                    col(SurveyRespondentRow.nip) == nip,
                    col(SurveyRespondentRow.supervisor_nip) == nip,
                )
            )
            visible.append(
                and_(
                    col(SurveyRow.id).in_(involved),
                    col(SurveyRow.status) != SurveyStatus.DRAFT.value,
                )
            )
        query = select(SurveyRow).where(or_(false(), *visible))
        if status is not None:
            query = query.where(SurveyRow.status == status.value)
        if period is not None:
            query = query.where(SurveyRow.period == period)
        query = (
            query.order_by(col(SurveyRow.created_at).desc(), col(SurveyRow.id))
            .limit(limit)
            .offset(offset)
        )
        return [_survey(row) for row in await self._session.exec(query)]

    async def open_overlapping(self, agency_codes: Iterable[str]) -> list[Survey]:
        rows = await self._session.exec(
            select(SurveyRow)
            .where(SurveyRow.status == SurveyStatus.OPEN.value)
            .where(_touching(frozenset(agency_codes)))
        )
        return [_survey(row) for row in rows]


class SqlNeedStore(Store):
    async def save(self, survey_id: str, needs: AgencyNeeds, aggregated_at: datetime) -> None:
        await self._session.merge(
            AgencyNeedsRow(
                survey_id=survey_id,
                agency_code=needs.agency_code,
                headcount=needs.headcount,
                respondents=needs.respondents,
                needs=[codec.need_out(n) for n in needs.needs],
                aggregated_at=aggregated_at,
            )
        )

    async def of_survey(
        self, survey_id: str, *, agencies: Scope
    ) -> list[tuple[AgencyNeeds, datetime]]:
        rows = await self._session.exec(
            select(AgencyNeedsRow)
            .where(AgencyNeedsRow.survey_id == survey_id)
            .where(within_agencies(AgencyNeedsRow.agency_code, agencies))
            .order_by(col(AgencyNeedsRow.agency_code))
        )
        return [
            (
                AgencyNeeds(
                    agency_code=row.agency_code,
                    headcount=row.headcount,
                    respondents=row.respondents,
                    needs=tuple(codec.need_in(n) for n in row.needs),
                ),
                row.aggregated_at,
            )
            for row in rows
        ]
