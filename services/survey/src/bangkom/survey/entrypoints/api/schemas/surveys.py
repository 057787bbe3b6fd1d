"""Bodies of survey campaigns."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from bangkom.platform.catalog.types import Code, Day, FreeText
from bangkom.platform.web.paging import Page
from bangkom.survey.domain.framework import CompetencyQuestion
from bangkom.survey.domain.surveys import PERIOD, ExtraQuestion, QuestionKind, Survey, SurveyStatus


class ExtraQuestionCreate(BaseModel):
    text: FreeText = Field(min_length=1, max_length=500)
    kind: QuestionKind = Field(default=QuestionKind.TEXT, description="text, or scale (1-5)")
    required: bool = False


class SurveyCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Analisis Kebutuhan Pelatihan 2027",
                    "period": "2027",
                    "agency_codes": ["12.73.BKPSDM", "12.73.DINKES"],
                    "description": "Survei kebutuhan pengembangan kompetensi untuk RKA 2027.",
                    "deadline": "2026-08-31",
                    "extra_questions": [
                        {
                            "text": "Pelatihan apa yang paling Anda butuhkan tahun depan?",
                            "kind": "text",
                            "required": False,
                        },
                        {
                            "text": "Seberapa mudah Anda mengikuti pelatihan daring?",
                            "kind": "scale",
                            "required": True,
                        },
                    ],
                }
            ]
        }
    )

    title: FreeText = Field(min_length=1, max_length=200)
    period: str = Field(pattern=PERIOD.pattern, description="Planning period, e.g. '2027'")
    agency_codes: list[Code] = Field(
        min_length=1,
        max_length=500,
        description="Agencies surveyed; each covers its units. Codes may not overlap.",
    )
    description: FreeText = Field(default="", max_length=4000)
    deadline: Day | None = Field(default=None, description="Planned closing date (reminders)")
    extra_questions: list[ExtraQuestionCreate] = Field(default_factory=list, max_length=20)


class ExtraQuestionPublic(BaseModel):
    id: str = Field(description="Key of the answer in extra_answers")
    text: str
    kind: QuestionKind
    required: bool

    @classmethod
    def of(cls, question: ExtraQuestion) -> ExtraQuestionPublic:
        return cls(**question.__dict__)


class CompetencyQuestionPublic(BaseModel):
    competency_code: str
    competency_name: str
    group: str
    description: str
    levels: dict[int, str] = Field(description="What each level means (from the dictionary)")

    @classmethod
    def of(cls, question: CompetencyQuestion) -> CompetencyQuestionPublic:
        return cls(**question.__dict__)


class SurveyPublic(BaseModel):
    id: str
    title: str
    description: str
    period: str
    agency_codes: list[str]
    status: SurveyStatus
    deadline: date | None
    extra_questions: list[ExtraQuestionPublic]
    created_by: str
    created_at: datetime
    updated_at: datetime | None
    opened_by: str | None
    opened_at: datetime | None
    closed_by: str | None
    closed_at: datetime | None

    @classmethod
    def of(cls, survey: Survey) -> SurveyPublic:
        return cls(**cls._fields(survey))

    @staticmethod
    def _fields(survey: Survey) -> dict[str, object]:
        values = {k: v for k, v in survey.__dict__.items() if k != "questionnaire"}
        values["agency_codes"] = list(survey.agency_codes)
        values["extra_questions"] = [ExtraQuestionPublic.of(q) for q in survey.extra_questions]
        return values


class SurveyDetailPublic(SurveyPublic):
    questionnaire: list[CompetencyQuestionPublic] = Field(
        description="Fixed at opening; while a draft, a preview from today's standards"
    )
    respondents_preview: int | None = Field(
        description="While a draft: how many employees would be respondents if opened now"
    )

    @classmethod
    def of_view(
        cls, survey: Survey, questionnaire: list[CompetencyQuestion], preview: int | None
    ) -> SurveyDetailPublic:
        return cls(
            **cls._fields(survey),
            questionnaire=[CompetencyQuestionPublic.of(q) for q in questionnaire],
            respondents_preview=preview,
        )


SurveysPublic = Page[SurveyPublic]
