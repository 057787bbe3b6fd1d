"""The effect of training on the public's satisfaction with a unit (Kirkpatrick 4)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.catalog.types import Code
from bangkom.platform.web.routing import ServiceRouter
from bangkom.recommendation.domain.satisfaction_did import TrainingMapping
from bangkom.recommendation.entrypoints.api.deps import BusDep
from bangkom.recommendation.entrypoints.api.schemas.satisfaction import (
    DifferencePublic,
    SatisfactionDidPublic,
    SatisfactionEffectPublic,
    SeriesPublic,
    UnitChangePublic,
)
from bangkom.recommendation.handlers.queries import analytics
from bangkom.recommendation.handlers.queries import satisfaction_did as did

router = ServiceRouter(prefix="/analytics", tags=["analytics"])
Period = Annotated[str, Query(min_length=1, max_length=64, description="An SKM period's label")]


@router.get(
    "/satisfaction-effect",
    summary="A unit's IKM in two SKM periods beside the share of its staff trained between",
    responses={
        403: {"description": "Not an agency operator, administrator or service"},
        404: {"description": "The unit is outside your agencies, or a period is unknown"},
    },
)
async def satisfaction_effect(
    request: Request,
    caller: CallerDep,
    bus: BusDep,
    unit_code: Annotated[Code, Query(description="The service unit (agency code)")],
    before: Period,
    after: Period,
) -> SatisfactionEffectPublic:
    competencies = list(request.app.state.training_mapping.competencies)
    async with bus.uow_factory() as uow:
        effect = await analytics.satisfaction_effect(
            uow, caller, unit_code=unit_code, before=before, after=after, competencies=competencies
        )
    return SatisfactionEffectPublic.of(effect, competencies)


@router.get(
    "/satisfaction-did",
    summary="Trained against untrained units: IKM change (difference in differences)",
    description="Units in scope (or below agency_code, e.g. the city) with an IKM of both "
    "periods; a unit is trained when the configured share of its active staff completed a "
    "course developing a mapped competency between its two closings. Observational: read "
    "it as an association, not as proof that training caused the change.",
    responses={
        403: {"description": "Not an agency operator, administrator or service"},
        404: {"description": "The agency is outside your agencies"},
    },
)
async def satisfaction_did(
    request: Request,
    caller: CallerDep,
    bus: BusDep,
    before: Period,
    after: Period,
    agency_code: Annotated[
        Code | None, Query(description="The units below this agency (e.g. the city)")
    ] = None,
) -> SatisfactionDidPublic:
    mapping: TrainingMapping = request.app.state.training_mapping
    async with bus.uow_factory() as uow:
        changes, found = await did.satisfaction_did(
            uow, caller, agency_code=agency_code, before=before, after=after, mapping=mapping
        )
    return SatisfactionDidPublic(
        before=before,
        after=after,
        competencies=list(mapping.competencies),
        trained_share=mapping.trained_share,
        units=[UnitChangePublic.of(c, mapping) for c in changes],
        difference=DifferencePublic.of(found),
        series=[SeriesPublic.model_validate(line) for line in found.series(before, after)],
    )
