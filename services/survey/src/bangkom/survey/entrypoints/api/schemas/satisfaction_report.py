"""An SKM period's report: per element, per group of respondents, per period."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from bangkom.survey.domain.satisfaction import GRADE_NAMES, SatisfactionScore
from bangkom.survey.domain.satisfaction_report import CHARACTERISTICS, GroupScore
from bangkom.survey.entrypoints.api.schemas.satisfaction import PeriodScorePublic
from bangkom.survey.handlers.queries import PeriodScore, SatisfactionReport


class ScoreLinePublic(BaseModel):
    respondents: int
    ikm: float | None = Field(description="25-100; null before any answer")
    grade: Literal["A", "B", "C", "D"] | None
    grade_name: str | None
    elements: dict[str, float] = Field(description="NRR 1-4 per element")

    @classmethod
    def of(cls, scored: SatisfactionScore) -> ScoreLinePublic:
        if not scored.respondents:
            return cls(respondents=0, ikm=None, grade=None, grade_name=None, elements={})
        return cls(
            respondents=scored.respondents,
            ikm=round(float(scored.converted), 2),
            grade=scored.grade.value,
            grade_name=GRADE_NAMES[scored.grade],
            elements={e.element.value: round(float(e.nrr), 4) for e in scored.elements},
        )


class GroupScorePublic(ScoreLinePublic):
    characteristic: str = Field(description="gender, age_band, education, occupation, ...")
    characteristic_name: str
    group: str = Field(description="As respondents gave it; 'Tidak disebutkan' if left out")
    share: float = Field(description="Of the period's respondents, 0-1")

    @classmethod
    def of_group(cls, found: GroupScore) -> GroupScorePublic:
        return cls(
            **ScoreLinePublic.of(found.score).model_dump(),
            characteristic=found.characteristic,
            characteristic_name=CHARACTERISTICS[found.characteristic],
            group=found.group,
            share=round(float(found.share), 4),
        )


class PeriodLinePublic(ScoreLinePublic):
    id: str
    label: str
    status: str
    closed_at: datetime | None

    @classmethod
    def of_period(cls, found: PeriodScore) -> PeriodLinePublic:
        return cls(
            **ScoreLinePublic.of(found.score).model_dump(),
            id=found.period.id,
            label=found.period.label,
            status=found.period.status.value,
            closed_at=found.period.closed_at,
        )


class SatisfactionReportPublic(BaseModel):
    period: PeriodScorePublic = Field(description="The period, NRR per element and IKM")
    groups: list[GroupScorePublic] = Field(description="Per group of respondents")
    periods: list[PeriodLinePublic] = Field(description="The unit's periods, newest first")
    suggestions: int = Field(description="Answers with a suggestion (in the downloads)")

    @classmethod
    def of(cls, report: SatisfactionReport) -> SatisfactionReportPublic:
        return cls(
            period=PeriodScorePublic.scored(report.current),
            groups=[GroupScorePublic.of_group(g) for g in report.groups],
            periods=[PeriodLinePublic.of_period(p) for p in report.periods],
            suggestions=sum(1 for a in report.answers if a.suggestion.strip()),
        )
