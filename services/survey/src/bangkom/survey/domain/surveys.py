"""A training-needs survey campaign (survei analisis kebutuhan pelatihan) for one or
more agencies and a planning period: draft -> open -> closed.

The questionnaire is fixed when the survey opens (so every respondent answers the
same questions); while it is a draft it can still be revised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bangkom.kernel.agencies import overlap
from bangkom.survey.domain.framework import CompetencyQuestion

PERIOD = re.compile(r"^\d{4}(-[A-Z0-9]{1,8})?$")
MAX_EXTRA_QUESTIONS = 20


class SurveyStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class QuestionKind(StrEnum):
    TEXT = "text"
    SCALE = "scale"  # 1-5


class InvalidSurvey(ValueError):
    """The campaign's own data is wrong (title, period, agencies, questions)."""


class SurveyStateError(Exception):
    """The survey is not in the state the action needs (e.g. answering a closed survey)."""


@dataclass(frozen=True)
class ExtraQuestion:
    id: str
    text: str
    kind: QuestionKind
    required: bool = False


@dataclass(frozen=True)
class QuestionDraft:
    """An extra question as the operator writes it; the survey numbers them Q1, Q2, ..."""

    text: str
    kind: QuestionKind
    required: bool = False


@dataclass(frozen=True)
class Campaign:
    """What the operator plans: title, period, agencies and the extra questions."""

    title: str
    period: str
    agency_codes: tuple[str, ...]
    description: str = ""
    deadline: date | None = None
    extra_questions: tuple[QuestionDraft, ...] = ()


@dataclass
class Survey:
    id: str
    title: str
    period: str
    agency_codes: tuple[str, ...]
    created_by: str
    created_at: datetime
    description: str = ""
    deadline: date | None = None
    extra_questions: tuple[ExtraQuestion, ...] = ()
    status: SurveyStatus = SurveyStatus.DRAFT
    questionnaire: tuple[CompetencyQuestion, ...] = ()
    updated_at: datetime | None = None
    opened_by: str | None = None
    opened_at: datetime | None = None
    closed_by: str | None = None
    closed_at: datetime | None = None

    @classmethod
    def plan(cls, survey_id: str, campaign: Campaign, *, by: str, at: datetime) -> Survey:
        survey = cls(
            id=survey_id, title="", period="", agency_codes=(), created_by=by, created_at=at
        )
        survey._set(campaign)
        survey.updated_at = at
        return survey

    def revise(self, campaign: Campaign, *, at: datetime) -> None:
        if self.status is not SurveyStatus.DRAFT:
            raise SurveyStateError(
                f"survey {self.id} is {self.status}; only a draft can be revised"
            )
        self._set(campaign)
        self.updated_at = at

    def open(
        self, questionnaire: list[CompetencyQuestion], respondents: int, *, by: str, at: datetime
    ) -> None:
        if self.status is not SurveyStatus.DRAFT:
            raise SurveyStateError(f"survey {self.id} is {self.status}; only a draft can be opened")
        if respondents == 0:
            raise SurveyStateError(
                f"the roster has no active employee in {', '.join(self.agency_codes)}; "
                "nobody could answer"
            )
        if not questionnaire and not self.extra_questions:
            raise SurveyStateError(
                "no position of these agencies has a competency standard and the survey "
                "has no extra question: there is nothing to ask"
            )
        self.questionnaire = tuple(questionnaire)
        self.status = SurveyStatus.OPEN
        self.opened_by, self.opened_at, self.updated_at = by, at, at

    def close(self, *, by: str, at: datetime) -> None:
        if self.status is not SurveyStatus.OPEN:
            raise SurveyStateError(f"survey {self.id} is {self.status}; only an open one closes")
        self.status = SurveyStatus.CLOSED
        self.closed_by, self.closed_at, self.updated_at = by, at, at

    def require_open(self) -> None:
        """Answers are taken only while the survey is open."""
        if self.status is SurveyStatus.DRAFT:
            raise SurveyStateError(f"survey {self.id} is not open yet")
        if self.status is SurveyStatus.CLOSED:
            raise SurveyStateError(f"survey {self.id} is closed; answers can no longer change")

    def extra_question(self, question_id: str) -> ExtraQuestion | None:
        return next((q for q in self.extra_questions if q.id == question_id), None)

    def _set(self, campaign: Campaign) -> None:
        title = campaign.title.strip()
        if not title:
            raise InvalidSurvey("title: must not be empty")
        if not PERIOD.match(campaign.period):
            raise InvalidSurvey(
                f"period: {campaign.period!r} is not a planning period such as '2027'"
            )
        codes = tuple(sorted(set(campaign.agency_codes)))
        if not codes:
            raise InvalidSurvey("agency_codes: name at least one agency")
        if len(codes) != len(campaign.agency_codes):
            raise InvalidSurvey("agency_codes: an agency is listed twice")
        overlapping = overlap(codes)
        if overlapping:
            first, second = overlapping
            raise InvalidSurvey(
                f"agency_codes: {first} and {second} overlap (a survey for an agency "
                "already covers its units)"
            )
        questions = campaign.extra_questions
        if len(questions) > MAX_EXTRA_QUESTIONS:
            raise InvalidSurvey(f"extra_questions: at most {MAX_EXTRA_QUESTIONS} questions")
        for i, question in enumerate(questions):
            if not question.text.strip():
                raise InvalidSurvey(f"extra_questions[{i}].text: must not be empty")
        self.title, self.period, self.agency_codes = title, campaign.period, codes
        self.description, self.deadline = campaign.description.strip(), campaign.deadline
        self.extra_questions = tuple(
            ExtraQuestion(f"Q{i}", q.text.strip(), q.kind, q.required)
            for i, q in enumerate(questions, start=1)
        )
