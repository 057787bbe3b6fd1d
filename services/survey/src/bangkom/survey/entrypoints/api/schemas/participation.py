"""Bodies of tracking, respondents and their forms."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from bangkom.platform.web.paging import Page
from bangkom.survey.domain.eligibility import Respondent
from bangkom.survey.domain.surveys import SurveyStatus
from bangkom.survey.domain.tracking import AgencyTally, Progress, UnitTally
from bangkom.survey.entrypoints.api.schemas.surveys import (
    CompetencyQuestionPublic,
    ExtraQuestionPublic,
)


class UnitTallyPublic(BaseModel):
    agency_code: str
    eligible: int
    answered: int
    rated: int = Field(description="Respondents their supervisor has rated")
    without_standard: int = Field(description="Respondents whose position had no standard")
    response_rate: float = Field(description="answered / eligible, 0-1")

    @classmethod
    def of(cls, tally: UnitTally | AgencyTally) -> UnitTallyPublic:
        return cls(
            agency_code=tally.agency_code,
            eligible=tally.eligible,
            answered=tally.answered,
            rated=tally.rated,
            without_standard=tally.without_standard,
            response_rate=tally.response_rate,
        )


class AgencyTallyPublic(UnitTallyPublic):
    units: list[UnitTallyPublic]


class TrackingPublic(BaseModel):
    survey_id: str
    status: SurveyStatus
    deadline: date | None
    eligible: int
    answered: int
    response_rate: float
    agencies: list[AgencyTallyPublic]


class RespondentPublic(BaseModel):
    nip: str
    name: str
    agency_code: str = Field(description="The unit the employee worked in at opening")
    survey_agency: str = Field(description="The survey agency the unit counts under")
    position_code: str
    supervisor_nip: str | None
    has_standard: bool
    added_by: str
    added_at: datetime
    excluded_by: str | None
    excluded_at: datetime | None
    exclusion_reason: str | None

    @classmethod
    def of(cls, respondent: Respondent) -> RespondentPublic:
        return cls(**respondent.__dict__, has_standard=respondent.has_standard)


class ProgressPublic(BaseModel):
    nip: str
    name: str
    agency_code: str
    position_code: str
    supervisor_nip: str | None
    answered: bool
    answered_at: datetime | None
    rated_at: datetime | None

    @classmethod
    def of(cls, progress: Progress) -> ProgressPublic:
        r = progress.respondent
        return cls(
            nip=r.nip,
            name=r.name,
            agency_code=r.agency_code,
            position_code=r.position_code,
            supervisor_nip=r.supervisor_nip,
            answered=progress.answered,
            answered_at=progress.answered_at,
            rated_at=progress.rated_at,
        )


ProgressListPublic = Page[ProgressPublic]


class FormItemPublic(CompetencyQuestionPublic):
    required_level: int = Field(description="Level the respondent's position requires")


class RespondentFormPublic(BaseModel):
    survey_id: str
    survey_status: SurveyStatus
    respondent: RespondentPublic
    competencies: list[FormItemPublic]
    extra_questions: list[ExtraQuestionPublic]
    answered_at: datetime | None
    rated_at: datetime | None
