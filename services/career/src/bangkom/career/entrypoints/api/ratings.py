"""SKP ratings (kinerja) and potential assessments: recorded one by one or imported."""

from __future__ import annotations

from typing import Annotated

from fastapi import File, UploadFile

from bangkom.career.entrypoints.api.deps import BusDep
from bangkom.career.entrypoints.api.rating_files import rating_rows
from bangkom.career.entrypoints.api.schemas.ratings import (
    AssessmentCreate,
    AssessmentPublic,
    ImportReportPublic,
    RatingCreate,
    RatingPublic,
)
from bangkom.career.handlers import commands, queries
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.errors import error_responses
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter

router = ServiceRouter(tags=["ratings"])


@router.post(
    "/ratings",
    summary="Record (or correct) an employee's SKP predicate of a year",
    responses=error_responses(404),
)
async def record_rating(body: RatingCreate, caller: CallerDep, bus: BusDep) -> RatingPublic:
    rating = await bus.handle(
        commands.RecordRating(caller, body.nip, body.year, body.predicate.value, body.rated_at)
    )
    return RatingPublic.of(rating)


@router.post(
    "/ratings/import",
    summary="Import SKP ratings from a .csv or .xlsx file (nip, year, predicate)",
    description="Valid rows are recorded; each invalid row is reported with its row "
    "number, field and reason.",
)
async def import_ratings(
    file: Annotated[UploadFile, File(description="A .csv (comma or semicolon) or .xlsx file")],
    caller: CallerDep,
    bus: BusDep,
) -> ImportReportPublic:
    rows = rating_rows(file.filename or "", await file.read())
    report = await bus.handle(commands.ImportRatings(caller, rows))
    return ImportReportPublic.of(report)


@router.get("/employees/{nip}/ratings", summary="An employee's SKP ratings, by year")
async def employee_ratings(
    nip: str, caller: CallerDep, bus: BusDep, paging: PagingDep
) -> Page[RatingPublic]:
    async with bus.uow_factory() as uow:
        found = await queries.ratings(uow, caller, nip)
    return Page[RatingPublic].sliced([RatingPublic.of(r) for r in found], paging)


@router.post(
    "/employees/{nip}/potential-assessment",
    summary="Record an employee's potential-assessment score (0-100)",
)
async def record_assessment(
    nip: str, body: AssessmentCreate, caller: CallerDep, bus: BusDep
) -> AssessmentPublic:
    score = await bus.handle(
        commands.RecordPotentialAssessment(caller, nip, body.score, body.assessed_at)
    )
    return AssessmentPublic(nip=nip, score=score)
