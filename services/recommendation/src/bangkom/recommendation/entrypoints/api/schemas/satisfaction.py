"""Answers of the satisfaction analytics: a unit's IKM change beside its training, and
trained against untrained units (difference in differences)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from bangkom.recommendation.domain.satisfaction import SatisfactionEffect, UnitSatisfaction
from bangkom.recommendation.domain.satisfaction_did import (
    DifferenceInDifferences,
    PeriodMeans,
    TrainingMapping,
    UnitChange,
    is_trained,
)


class PeriodIkmPublic(BaseModel):
    period: str
    respondents: int
    sample_sufficient: bool
    ikm: float = Field(description="25-100")
    kompetensi_pelaksana: float | None = Field(description="The element's NRR, 1-4")
    perilaku_pelaksana: float | None


class GroupMeansPublic(BaseModel):
    units: int
    before: float | None = Field(description="Mean IKM 25-100 of the group's units")
    after: float | None
    change: float | None

    @classmethod
    def of(cls, means: PeriodMeans) -> GroupMeansPublic:
        return cls(units=means.units, before=means.before, after=means.after, change=means.change)


class DifferencePublic(BaseModel):
    trained: GroupMeansPublic
    untrained: GroupMeansPublic
    ikm_did: float | None = Field(
        description="Mean IKM change of trained units minus that of untrained units"
    )
    interval: list[float] | None = Field(description="95%; null when there are too few units")
    caution: str | None = Field(description="Why the estimate cannot be read, when it cannot")

    @classmethod
    def of(cls, found: DifferenceInDifferences) -> DifferencePublic:
        interval = found.interval
        return cls(
            trained=GroupMeansPublic.of(found.trained),
            untrained=GroupMeansPublic.of(found.untrained),
            ikm_did=found.estimate,
            interval=list(interval) if interval else None,
            caution=found.caution,
        )


class UnitChangePublic(BaseModel):
    unit_code: str
    staff: int
    trained_staff: int
    share_trained: float | None
    trained: bool = Field(description="At least the configured share of staff trained")
    before_ikm: float
    after_ikm: float
    ikm_change: float
    before_respondents: int
    after_respondents: int

    @classmethod
    def of(cls, change: UnitChange, mapping: TrainingMapping) -> UnitChangePublic:
        effect = change.effect
        return cls(
            unit_code=change.unit_code,
            staff=effect.staff,
            trained_staff=effect.trained,
            share_trained=effect.share_trained,
            trained=is_trained(change, mapping),
            before_ikm=effect.before.converted,
            after_ikm=effect.after.converted,
            ikm_change=effect.change,
            before_respondents=effect.before.respondents,
            after_respondents=effect.after.respondents,
        )


class SeriesPointPublic(BaseModel):
    period: str
    ikm: float | None


class SeriesPublic(BaseModel):
    key: str = Field(description="trained, untrained or counterfactual")
    name: str
    points: list[SeriesPointPublic]


class SatisfactionDidPublic(BaseModel):
    before: str
    after: str
    competencies: list[str] = Field(description="Whose training counts")
    trained_share: float = Field(description="Share of staff trained that makes a unit trained")
    units: list[UnitChangePublic] = Field(description="Units with an IKM of both periods")
    difference: DifferencePublic
    series: list[SeriesPublic] = Field(description="Chart-ready: mean IKM per group and period")


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
