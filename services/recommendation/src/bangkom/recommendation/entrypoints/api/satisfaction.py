"""The effect of training on the public's satisfaction with a unit (Kirkpatrick 4)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.catalog.types import Code
from bangkom.recommendation.domain.satisfaction import SatisfactionEffect, UnitSatisfaction
from bangkom.recommendation.entrypoints.api.deps import BusDep
from bangkom.recommendation.handlers.queries import analytics

router = APIRouter(prefix="/analytics", tags=["analytics"])
Period = Annotated[str, Query(min_length=1, max_length=64, description="An SKM period's label")]


class PeriodIkmPublic(BaseModel):
    period: str
    respondents: int
    sample_sufficient: bool
    ikm: float = Field(description="25-100")
    kompetensi_pelaksana: float | None = Field(description="The element's NRR, 1-4")
    perilaku_pelaksana: float | None


class SatisfactionEffectPublic(BaseModel):
    unit_code: str
    before: PeriodIkmPublic
    after: PeriodIkmPublic
    ikm_change: float
    ikm_change_interval: list[float] | None = Field(description="95%; null when n is too small")
    element_changes: dict[str, float] = Field(description="NRR change of the staff elements")
    caution: str | None = Field(description="Why the change cannot be read, when it cannot")
    staff: int = Field(description="The unit's active employees")
    trained: int = Field(description="Of them, trained between the two periods' closing")
    share_trained: float | None
    competencies: list[str] = Field(description="Whose training counts")

    @classmethod
    def of(cls, effect: SatisfactionEffect, competencies: list[str]) -> SatisfactionEffectPublic:
        def period(p: UnitSatisfaction) -> PeriodIkmPublic:
            return PeriodIkmPublic(
                period=p.period,
                respondents=p.respondents,
                sample_sufficient=p.sample_sufficient,
                ikm=p.converted,
                kompetensi_pelaksana=p.elements.get("kompetensi_pelaksana"),
                perilaku_pelaksana=p.elements.get("perilaku_pelaksana"),
            )

        interval = effect.interval
        return cls(
            unit_code=effect.before.unit_code,
            before=period(effect.before),
            after=period(effect.after),
            ikm_change=effect.change,
            ikm_change_interval=list(interval) if interval else None,
            element_changes=effect.element_changes,
            caution=effect.too_small,
            staff=effect.staff,
            trained=effect.trained,
            share_trained=effect.share_trained,
            competencies=competencies,
        )


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
    competencies = list(request.app.state.satisfaction_competencies)
    async with bus.uow_factory() as uow:
        effect = await analytics.satisfaction_effect(
            uow, caller, unit_code=unit_code, before=before, after=after, competencies=competencies
        )
    return SatisfactionEffectPublic.of(effect, competencies)
