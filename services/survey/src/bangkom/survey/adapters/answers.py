"""Stores of responses and supervisor ratings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_
from sqlmodel import select

from bangkom.survey.adapters import codec
from bangkom.survey.adapters.read_models import Store
from bangkom.survey.adapters.tables import (
    SupervisorRatingRow,
    SurveyRespondentRow,
    SurveyResponseRow,
)
from bangkom.survey.domain.responses import Response, SupervisorRating


def _response(row: SurveyResponseRow) -> Response:
    return Response(
        survey_id=row.survey_id,
        nip=row.nip,
        answers=tuple(codec.answer_in(a) for a in row.answers),
        extra_answers=dict(row.extra_answers),
        comment=row.comment,
        answered_by=row.answered_by,
        answered_at=row.answered_at,
    )


def _in_agency(table: Any, survey_id: str, survey_agency: str) -> Any:
    return (
        select(table)
        .join(
            SurveyRespondentRow,
            and_(
                SurveyRespondentRow.survey_id == table.survey_id,
                SurveyRespondentRow.nip == table.nip,
            ),
        )
        .where(table.survey_id == survey_id)
        .where(SurveyRespondentRow.survey_agency == survey_agency)
    )


class SqlResponseStore(Store):
    async def get(self, survey_id: str, nip: str) -> Response | None:
        row = await self._session.get(SurveyResponseRow, (survey_id, nip))
        return _response(row) if row else None

    async def save(self, response: Response) -> None:
        # The respondent's row is locked FOR UPDATE first, so merge cannot race.
        await self._session.merge(
            SurveyResponseRow(
                survey_id=response.survey_id,
                nip=response.nip,
                answers=[codec.answer_out(a) for a in response.answers],
                extra_answers=dict(response.extra_answers),
                comment=response.comment,
                answered_by=response.answered_by,
                answered_at=response.answered_at,
            )
        )

    async def of_agency(self, survey_id: str, survey_agency: str) -> dict[str, Response]:
        rows = await self._session.exec(_in_agency(SurveyResponseRow, survey_id, survey_agency))
        return {row.nip: _response(row) for row in rows}


def _rating(row: SupervisorRatingRow) -> SupervisorRating:
    return SupervisorRating(
        survey_id=row.survey_id,
        nip=row.nip,
        levels=dict(row.levels),
        note=row.note,
        rated_by=row.rated_by,
        rated_at=row.rated_at,
    )


class SqlRatingStore(Store):
    async def get(self, survey_id: str, nip: str) -> SupervisorRating | None:
        row = await self._session.get(SupervisorRatingRow, (survey_id, nip))
        return _rating(row) if row else None

    async def save(self, rating: SupervisorRating) -> None:
        await self._session.merge(SupervisorRatingRow(**rating.__dict__))

    async def of_agency(self, survey_id: str, survey_agency: str) -> dict[str, SupervisorRating]:
        rows = await self._session.exec(_in_agency(SupervisorRatingRow, survey_id, survey_agency))
        return {row.nip: _rating(row) for row in rows}
