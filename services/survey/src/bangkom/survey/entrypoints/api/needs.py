"""Aggregated needs of a closed survey, as JSON, CSV and XLSX (your agencies only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.attachments import attachment
from bangkom.platform.web.routing import ServiceRouter
from bangkom.survey.entrypoints.api import exports
from bangkom.survey.entrypoints.api.deps import BusDep, Responses
from bangkom.survey.entrypoints.api.schemas.needs import (
    AgencyNeedsPublic,
    NeedPublic,
    SurveyNeedsPublic,
)
from bangkom.survey.handlers import queries

router = ServiceRouter(prefix="/surveys/{survey_id}", tags=["needs"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REFUSALS: Responses = {
    403: {"description": "For operators of the survey's agencies and admins"},
    404: {"description": "No such survey, or outside your agencies"},
    409: {"description": "The survey is not closed yet"},
}
LanguageQuery = Annotated[
    exports.Language, Query(description="Column headers: id (Bahasa Indonesia) or en")
]


@router.get(
    "/needs",
    summary="Training needs per agency and competency, ranked by priority",
    description="Aggregated when the survey closed; see the priority score in "
    "bangkom.survey.domain.needs.",
    responses=REFUSALS,
)
async def survey_needs(survey_id: str, caller: CallerDep, bus: BusDep) -> SurveyNeedsPublic:
    async with bus.uow_factory() as uow:
        found = await queries.needs(uow, caller, survey_id)
    return SurveyNeedsPublic(
        survey_id=found.survey.id,
        title=found.survey.title,
        period=found.survey.period,
        agencies=[
            AgencyNeedsPublic(
                agency_code=agency.agency_code,
                headcount=agency.headcount,
                respondents=agency.respondents,
                aggregated_at=at,
                needs=[
                    NeedPublic(
                        **need.__dict__, preferred_learning_mode=need.preferred_learning_mode
                    )
                    for need in agency.needs
                ],
            )
            for agency, at in found.agencies
        ],
    )


def _attachment(found: queries.SurveyNeeds, extension: str) -> dict[str, str]:
    name = f"kebutuhan-pelatihan-{found.survey.period}-{found.survey.id[:8]}.{extension}"
    return attachment(name)


@router.get(
    "/needs.csv",
    summary="The needs as CSV (one row per agency and competency)",
    response_class=Response,
    responses={**REFUSALS, 200: {"content": {"text/csv": {}}, "description": "CSV, UTF-8"}},
)
async def needs_csv(
    survey_id: str, caller: CallerDep, bus: BusDep, lang: LanguageQuery = "id"
) -> Response:
    async with bus.uow_factory() as uow:
        found = await queries.needs(uow, caller, survey_id)
    return Response(
        exports.to_csv(found, lang),
        media_type="text/csv; charset=utf-8",
        headers=_attachment(found, "csv"),
    )


@router.get(
    "/needs.xlsx",
    summary="The needs as an Excel workbook",
    response_class=Response,
    responses={**REFUSALS, 200: {"content": {XLSX: {}}, "description": "XLSX workbook"}},
)
async def needs_xlsx(
    survey_id: str, caller: CallerDep, bus: BusDep, lang: LanguageQuery = "id"
) -> Response:
    async with bus.uow_factory() as uow:
        found = await queries.needs(uow, caller, survey_id)
    return Response(
        exports.to_xlsx(found, lang), media_type=XLSX, headers=_attachment(found, "xlsx")
    )
