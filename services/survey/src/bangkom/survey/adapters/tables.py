"""Tables of the survey service (its own metadata; never read by another service)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKeyConstraint, Index, Text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from bangkom.platform.db.types import JsonDocument, UtcDateTime


class SurveyTable(SQLModel, registry=registry()):
    pass


metadata = SurveyTable.metadata


# Read models of the evaluation service's roster and framework.


class AgencyRow(SurveyTable, table=True):
    __tablename__ = "agency"

    code: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    active: bool
    changed_at: datetime = Field(sa_type=UtcDateTime)


class EmployeeRow(SurveyTable, table=True):
    __tablename__ = "employee"

    nip: str = Field(primary_key=True, max_length=18)
    name: str = Field(max_length=200)
    agency_code: str = Field(index=True, max_length=64)
    position_code: str = Field(max_length=64)
    supervisor_nip: str | None = Field(default=None, max_length=18)
    active: bool
    changed_at: datetime = Field(sa_type=UtcDateTime)


class PositionStandardRow(SurveyTable, table=True):
    __tablename__ = "position_standard"

    position_code: str = Field(primary_key=True, max_length=64)
    position_name: str = Field(max_length=200)
    agency_code: str = Field(index=True, max_length=64)
    version: int
    required: dict[str, int] = Field(sa_type=JsonDocument)
    names: dict[str, str] = Field(sa_type=JsonDocument)
    published_at: datetime = Field(sa_type=UtcDateTime)


class CompetencyRow(SurveyTable, table=True):
    __tablename__ = "competency"

    code: str = Field(primary_key=True, max_length=48)
    name: str = Field(max_length=200)
    competency_group: str = Field(max_length=32)
    description: str = Field(sa_type=Text)
    levels: dict[str, str] = Field(sa_type=JsonDocument)
    changed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


# Survey campaigns and what they collect.


class SurveyRow(SurveyTable, table=True):
    __tablename__ = "survey"

    id: str = Field(primary_key=True, max_length=36)
    title: str = Field(max_length=200)
    description: str = Field(sa_type=Text)
    period: str = Field(index=True, max_length=16)
    status: str = Field(index=True, max_length=16)
    agency_codes: list[str] = Field(sa_type=JsonDocument)
    deadline: date | None = None
    extra_questions: list[dict[str, Any]] = Field(sa_type=JsonDocument)
    questionnaire: list[dict[str, Any]] = Field(sa_type=JsonDocument)
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    opened_by: str | None = Field(default=None, max_length=200)
    opened_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    closed_by: str | None = Field(default=None, max_length=200)
    closed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class SurveyAgencyRow(SurveyTable, table=True):
    """The survey's agencies as rows, so that scope filters run in SQL."""

    __tablename__ = "survey_agency"

    survey_id: str = Field(primary_key=True, max_length=36, foreign_key="survey.id")
    agency_code: str = Field(primary_key=True, index=True, max_length=64)


class SurveyRespondentRow(SurveyTable, table=True):
    """The respondents fixed when the survey opened (see domain.eligibility)."""

    __tablename__ = "survey_respondent"
    __table_args__ = (
        Index("ix_survey_respondent_survey_agency", "survey_id", "survey_agency"),
        Index("ix_survey_respondent_supervisor", "survey_id", "supervisor_nip"),
    )

    survey_id: str = Field(primary_key=True, max_length=36, foreign_key="survey.id")
    nip: str = Field(primary_key=True, index=True, max_length=18)
    name: str = Field(max_length=200)
    agency_code: str = Field(max_length=64)
    survey_agency: str = Field(max_length=64)
    position_code: str = Field(max_length=64)
    supervisor_nip: str | None = Field(default=None, max_length=18)
    required: dict[str, int] = Field(sa_type=JsonDocument)
    has_standard: bool
    added_by: str = Field(max_length=200)
    added_at: datetime = Field(sa_type=UtcDateTime)
    excluded_by: str | None = Field(default=None, max_length=200)
    excluded_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    exclusion_reason: str | None = Field(default=None, max_length=500)


def _of_respondent() -> ForeignKeyConstraint:
    """Answers exist only for a respondent of the survey."""
    return ForeignKeyConstraint(
        ["survey_id", "nip"], ["survey_respondent.survey_id", "survey_respondent.nip"]
    )


class SurveyResponseRow(SurveyTable, table=True):
    __tablename__ = "survey_response"
    __table_args__ = (_of_respondent(),)

    survey_id: str = Field(primary_key=True, max_length=36)
    nip: str = Field(primary_key=True, max_length=18)
    answers: list[dict[str, Any]] = Field(sa_type=JsonDocument)
    extra_answers: dict[str, Any] = Field(sa_type=JsonDocument)
    comment: str | None = Field(default=None, sa_type=Text)
    answered_by: str = Field(max_length=200)
    answered_at: datetime = Field(sa_type=UtcDateTime)


class SupervisorRatingRow(SurveyTable, table=True):
    __tablename__ = "supervisor_rating"
    __table_args__ = (_of_respondent(),)

    survey_id: str = Field(primary_key=True, max_length=36)
    nip: str = Field(primary_key=True, max_length=18)
    levels: dict[str, int] = Field(sa_type=JsonDocument)
    note: str | None = Field(default=None, sa_type=Text)
    rated_by: str = Field(max_length=200)
    rated_at: datetime = Field(sa_type=UtcDateTime)


class AgencyNeedsRow(SurveyTable, table=True):
    """The needs of one survey agency as aggregated at close (never recomputed)."""

    __tablename__ = "agency_needs"

    survey_id: str = Field(primary_key=True, max_length=36, foreign_key="survey.id")
    agency_code: str = Field(primary_key=True, index=True, max_length=64)
    headcount: int
    respondents: int
    needs: list[dict[str, Any]] = Field(sa_type=JsonDocument)
    aggregated_at: datetime = Field(sa_type=UtcDateTime)


# The public's satisfaction (SKM) with a service unit, per period.


class SatisfactionPeriodRow(SurveyTable, table=True):
    __tablename__ = "satisfaction_period"

    id: str = Field(primary_key=True, max_length=36)
    unit_code: str = Field(index=True, max_length=64)
    label: str = Field(max_length=64)
    population: int
    status: str = Field(max_length=16)
    opened_by: str = Field(max_length=200)
    opened_at: datetime = Field(sa_type=UtcDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class PublicResponseRow(SurveyTable, table=True):
    """One member of the public's answers; no personal data is asked (the respondent
    fields are optional bands, the suggestion free text)."""

    __tablename__ = "public_response"

    period_id: str = Field(primary_key=True, foreign_key="satisfaction_period.id", max_length=36)
    # Made by the form when it is shown: the same submission sent again is stored once.
    submission_id: str = Field(primary_key=True, max_length=36)
    ratings: dict[str, int] = Field(sa_type=JsonDocument)
    respondent: dict[str, str] = Field(sa_type=JsonDocument)
    suggestion: str = Field(default="", sa_type=Text)
    submitted_at: datetime = Field(sa_type=UtcDateTime)
