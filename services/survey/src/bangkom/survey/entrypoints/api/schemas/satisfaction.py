"""Bodies and answers of the SKM routes (PermenPANRB 14/2017)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bangkom.platform.catalog.types import Code, FreeText
from bangkom.survey.domain.satisfaction import (
    ELEMENT_NAMES,
    GRADE_NAMES,
    Element,
    PeriodStatus,
    SatisfactionPeriod,
    required_sample,
)
from bangkom.survey.handlers.queries import PeriodScore


class PeriodCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"unit_code": "12.73.DISDUKCAPIL", "label": "2026 semester 2", "population": 1000}
            ]
        },
    )

    unit_code: Code = Field(description="The service unit (its agency code)")
    label: FreeText = Field(min_length=1, max_length=64, description="e.g. 2026 semester 2")
    population: int = Field(ge=1, le=10_000_000, description="People the unit serves in it")


class PeriodPublic(BaseModel):
    id: str
    unit_code: str
    label: str
    population: int
    status: PeriodStatus
    opened_at: datetime
    closed_at: datetime | None

    @classmethod
    def of(cls, period: SatisfactionPeriod) -> PeriodPublic:
        return cls(
            id=period.id,
            unit_code=period.unit_code,
            label=period.label,
            population=period.population,
            status=period.status,
            opened_at=period.opened_at,
            closed_at=period.closed_at,
        )


class ElementScorePublic(BaseModel):
    element: Element
    name: str
    nrr: float = Field(description="Mean rating 1-4")
    weighted: float = Field(description="NRR x 1/9")


class ScorePublic(BaseModel):
    respondents: int
    required_sample: int
    warning: str | None = Field(description="Why the IKM cannot yet be read (sample too small)")
    ikm: float = Field(description="1-4")
    converted: float = Field(description="25-100")
    grade: Literal["A", "B", "C", "D"]
    grade_name: str
    elements: list[ElementScorePublic]


class PeriodScorePublic(PeriodPublic):
    score: ScorePublic | None = Field(description="None before any answer")

    @classmethod
    def scored(cls, found: PeriodScore) -> PeriodScorePublic:
        result = found.score
        score = (
            ScorePublic(
                respondents=result.respondents,
                required_sample=_required(found),
                warning=found.warning,
                ikm=round(float(result.ikm), 4),
                converted=round(float(result.converted), 2),
                grade=result.grade.value,
                grade_name=GRADE_NAMES[result.grade],
                elements=[
                    ElementScorePublic(
                        element=e.element,
                        name=ELEMENT_NAMES[e.element],
                        nrr=round(float(e.nrr), 4),
                        weighted=round(float(e.weighted), 4),
                    )
                    for e in result.elements
                ],
            )
            if result.respondents
            else None
        )
        return cls(**PeriodPublic.of(found.period).model_dump(), score=score)


def _required(found: PeriodScore) -> int:
    return required_sample(found.period.population)


class RespondentBody(BaseModel):
    """Optional, in bands: nothing that names a person."""

    model_config = ConfigDict(extra="forbid")

    gender: Literal["laki-laki", "perempuan"] | None = None
    age_band: Literal["<20", "20-29", "30-39", "40-49", "50-59", "60+"] | None = None
    education: Literal["sd", "smp", "sma", "diploma", "s1", "s2", "s3"] | None = None
    occupation: FreeText | None = Field(default=None, max_length=60)
    service_used: FreeText | None = Field(default=None, max_length=100)


class PublicAnswerCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "submission_id": "3b1f7c2e-9a4d-4e8b-8f6a-2c5d1e0b7a91",
                    "ratings": {element.value: 4 for element in Element},
                    "respondent": {"gender": "perempuan", "age_band": "30-39"},
                    "suggestion": "Antrean loket pagi perlu ditambah petugas.",
                }
            ]
        },
    )

    submission_id: str = Field(
        pattern=r"^[0-9a-f-]{36}$",
        description="A UUID the form makes when shown: the same submission sent twice "
        "is stored once",
    )
    ratings: dict[Element, int] = Field(description="Each of the nine elements rated 1-4")
    respondent: RespondentBody = Field(default_factory=RespondentBody)
    suggestion: FreeText = Field(default="", max_length=1000)


class PublicAnswerAccepted(BaseModel):
    stored: bool = Field(description="False: this submission was stored before")


class PublicPeriodPublic(BaseModel):
    """What a member of the public sees: the form, and the IKM once the period closed."""

    unit_code: str
    label: str
    status: PeriodStatus
    elements: dict[Element, str] = Field(description="The nine elements, by name")
    ikm: float | None
    grade: Literal["A", "B", "C", "D"] | None
    grade_name: str | None

    @classmethod
    def of(cls, found: PeriodScore) -> PublicPeriodPublic:
        closed = found.period.closed_at is not None and found.score.respondents > 0
        return cls(
            unit_code=found.period.unit_code,
            label=found.period.label,
            status=found.period.status,
            elements=dict(ELEMENT_NAMES),
            ikm=round(float(found.score.converted), 2) if closed else None,
            grade=found.score.grade.value if closed else None,
            grade_name=GRADE_NAMES[found.score.grade] if closed else None,
        )
