"""What the public reaches without an account: an SKM period's form and its answers
(rate-limited per client address; the same submission sent twice is stored once), and
a closed period's IKM."""

from __future__ import annotations

from fastapi import Depends, Response, status

from bangkom.platform.web.routing import ServiceRouter
from bangkom.survey.entrypoints.api.deps import BusDep, Responses
from bangkom.survey.entrypoints.api.rate_limit import public_rate_limit
from bangkom.survey.entrypoints.api.schemas.satisfaction import (
    PublicAnswerAccepted,
    PublicAnswerCreate,
    PublicPeriodPublic,
)
from bangkom.survey.handlers import commands, queries

router = ServiceRouter(prefix="/public/satisfaction", tags=["public"])
NOT_FOUND: Responses = {404: {"description": "No such period"}}
LIMITED: Responses = {429: {"description": "Too many answers from this address"}}


@router.get(
    "/{period_id}",
    summary="The form of an SKM period; its IKM and grade once closed (no account)",
    responses=NOT_FOUND,
)
async def public_period(period_id: str, bus: BusDep) -> PublicPeriodPublic:
    async with bus.uow_factory() as uow:
        found = await queries.public_period(uow, period_id)
    return PublicPeriodPublic.of(found)


@router.post(
    "/{period_id}/answers",
    status_code=status.HTTP_201_CREATED,
    summary="Answer an SKM period (no account); the same submission again is 200",
    responses={
        **NOT_FOUND,
        **LIMITED,
        200: {"description": "Stored before"},
        409: {"description": "The period is closed"},
    },
    dependencies=[Depends(public_rate_limit)],
)
async def answer(
    period_id: str, body: PublicAnswerCreate, bus: BusDep, response: Response
) -> PublicAnswerAccepted:
    stored = await bus.handle(
        commands.SubmitPublicAnswer(
            period_id=period_id,
            submission_id=body.submission_id,
            ratings=body.ratings,
            respondent=body.respondent.model_dump(exclude_none=True),
            suggestion=body.suggestion,
        )
    )
    if not stored:
        response.status_code = status.HTTP_200_OK
    return PublicAnswerAccepted(stored=stored)
