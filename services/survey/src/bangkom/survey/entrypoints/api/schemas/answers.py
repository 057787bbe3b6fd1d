"""Bodies of responses and supervisor ratings."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from bangkom.platform.catalog.training import LearningMode
from bangkom.platform.catalog.types import CompetencyCode, FreeText
from bangkom.survey.domain.responses import Response, SupervisorRating


class CompetencyAnswerIn(BaseModel):
    competency_code: CompetencyCode
    importance: int = Field(ge=1, le=5, description="Importance for the job, 1-5")
    self_level: int = Field(ge=1, le=5, description="Current level as the employee sees it")
    learning_mode: LearningMode | None = Field(default=None, description="Preferred mode")
    comment: FreeText | None = Field(default=None, max_length=1000)


class ResponseSubmit(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "answers": [
                        {
                            "competency_code": "M.05",
                            "importance": 5,
                            "self_level": 2,
                            "learning_mode": "klasikal",
                            "comment": "Belum pernah ikut pelatihan pelayanan prima",
                        },
                        {
                            "competency_code": "M.01",
                            "importance": 4,
                            "self_level": 3,
                            "learning_mode": "e_learning",
                        },
                    ],
                    "extra_answers": {"Q1": "Pelatihan SIASN dan manajemen ASN", "Q2": 4},
                    "comment": "Mohon pelatihan dijadwalkan di luar masa tutup anggaran.",
                }
            ]
        }
    )

    answers: list[CompetencyAnswerIn] = Field(
        max_length=200, description="One answer per competency of the respondent's form"
    )
    extra_answers: dict[str, int | str] = Field(
        default_factory=dict, description="Answers to extra questions by id (Q1, Q2, ...)"
    )
    comment: FreeText | None = Field(default=None, max_length=4000)


class CompetencyAnswerPublic(BaseModel):
    competency_code: str
    importance: int
    self_level: int
    learning_mode: str | None
    comment: str | None


class ResponsePublic(BaseModel):
    survey_id: str
    nip: str
    answers: list[CompetencyAnswerPublic]
    extra_answers: dict[str, int | str]
    comment: str | None
    answered_by: str = Field(description="The employee, or the operator who typed it in")
    answered_at: datetime

    @classmethod
    def of(cls, response: Response) -> ResponsePublic:
        return cls(
            **{
                **response.__dict__,
                "answers": [CompetencyAnswerPublic(**a.__dict__) for a in response.answers],
            }
        )


class RatedLevel(BaseModel):
    competency_code: CompetencyCode
    level: int = Field(ge=1, le=5, description="Level as the supervisor sees it")


class RatingSubmit(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "levels": [
                        {"competency_code": "M.05", "level": 2},
                        {"competency_code": "M.01", "level": 3},
                    ],
                    "note": "Perlu pendampingan dalam menangani keluhan masyarakat.",
                }
            ]
        }
    )

    levels: list[RatedLevel] = Field(min_length=1, max_length=200)
    note: FreeText | None = Field(default=None, max_length=1000)


class RatingPublic(BaseModel):
    survey_id: str
    nip: str
    levels: list[RatedLevel]
    note: str | None
    rated_by: str
    rated_at: datetime

    @classmethod
    def of(cls, rating: SupervisorRating) -> RatingPublic:
        return cls(
            **{
                **rating.__dict__,
                "levels": [
                    RatedLevel(competency_code=c, level=lvl) for c, lvl in rating.levels.items()
                ],
            }
        )
