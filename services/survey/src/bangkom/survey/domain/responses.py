"""What a respondent answers, and what their supervisor rates.

Per competency of the respondent's own position standard: how important it is for
the job (1-5), the level they see in themself (1-5), the learning mode they prefer
and a free text. A response answers every competency of that form (a partial form
would make the figures of different competencies count different people); it can be
replaced until the survey closes. The supervisor (atasan langsung, from the roster)
rates the levels they can judge; there is one rating per subordinate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from bangkom.kernel.levels import is_level
from bangkom.survey.domain.eligibility import Respondent
from bangkom.survey.domain.surveys import QuestionKind, Survey

SCALE = range(1, 6)  # importance and the survey's own scale questions (not a level)
# The catalog's LearningMode values (a unit test keeps them equal).
LEARNING_MODES = (
    "klasikal",
    "e_learning",
    "blended",
    "coaching",
    "mentoring",
    "seminar",
    "self_study",
)
MAX_COMMENT = 1000
MAX_TEXT_ANSWER = 2000


class InvalidAnswer(ValueError):
    """An answer that the form does not accept; the message starts with the field."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field


@dataclass(frozen=True)
class CompetencyAnswer:
    competency_code: str
    importance: int
    self_level: int
    learning_mode: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Response:
    survey_id: str
    nip: str
    answers: tuple[CompetencyAnswer, ...]
    extra_answers: dict[str, int | str]
    comment: str | None
    answered_by: str  # the employee, or the operator who typed in a paper form
    answered_at: datetime

    def answer_for(self, competency_code: str) -> CompetencyAnswer | None:
        return next((a for a in self.answers if a.competency_code == competency_code), None)


@dataclass(frozen=True)
class SupervisorRating:
    survey_id: str
    nip: str  # the subordinate
    levels: dict[str, int]
    note: str | None
    rated_by: str
    rated_at: datetime


def _check_scale(field: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
        raise InvalidAnswer(field, f"must be a whole number from 1 to 5, not {value!r}")


def _check_level(field: str, value: object) -> None:
    """A competency level (bangkom.kernel.levels), as the respondent or supervisor sees it."""
    if not is_level(value):
        raise InvalidAnswer(field, f"must be a whole number from 1 to 5, not {value!r}")


def _check_text(field: str, value: str | None, limit: int) -> None:
    if value is not None and len(value) > limit:
        raise InvalidAnswer(field, f"longer than {limit} characters")


def check_answers(respondent: Respondent, answers: Sequence[CompetencyAnswer]) -> None:
    seen: set[str] = set()
    for i, answer in enumerate(answers):
        field = f"answers[{i}]"
        code = answer.competency_code
        if code in seen:
            raise InvalidAnswer(f"{field}.competency_code", f"{code} is answered twice")
        if code not in respondent.required:
            raise InvalidAnswer(
                f"{field}.competency_code",
                f"{code} is not in the standard of position {respondent.position_code}",
            )
        seen.add(code)
        _check_scale(f"{field}.importance", answer.importance)
        _check_level(f"{field}.self_level", answer.self_level)
        if answer.learning_mode is not None and answer.learning_mode not in LEARNING_MODES:
            raise InvalidAnswer(
                f"{field}.learning_mode",
                f"{answer.learning_mode!r} is not one of {', '.join(LEARNING_MODES)}",
            )
        _check_text(f"{field}.comment", answer.comment, MAX_COMMENT)
    missing = sorted(set(respondent.required) - seen)
    if missing:
        raise InvalidAnswer("answers", f"competency {', '.join(missing)} is not answered")


def check_extra_answers(survey: Survey, extra_answers: Mapping[str, int | str]) -> None:
    for question_id, value in extra_answers.items():
        field = f"extra_answers.{question_id}"
        question = survey.extra_question(question_id)
        if question is None:
            raise InvalidAnswer(field, "the survey has no such question")
        if question.kind is QuestionKind.SCALE:
            _check_scale(field, value)
        elif not isinstance(value, str):
            raise InvalidAnswer(field, "expects a text answer")
        else:
            _check_text(field, value, MAX_TEXT_ANSWER)
    for question in survey.extra_questions:
        answer = extra_answers.get(question.id)
        if question.required and (answer is None or answer == ""):
            raise InvalidAnswer(f"extra_answers.{question.id}", "this question is required")


def check_response(survey: Survey, respondent: Respondent, response: Response) -> None:
    check_answers(respondent, response.answers)
    check_extra_answers(survey, response.extra_answers)
    _check_text("comment", response.comment, MAX_COMMENT * 4)


def rated_levels(
    respondent: Respondent, levels: Sequence[tuple[str, int]], note: str | None
) -> dict[str, int]:
    """The supervisor's levels as competency code -> level, checked against the form."""
    if not levels:
        raise InvalidAnswer("levels", "rate at least one competency")
    rated: dict[str, int] = {}
    for i, (code, level) in enumerate(levels):
        field = f"levels[{i}]"
        if code in rated:
            raise InvalidAnswer(f"{field}.competency_code", f"{code} is rated twice")
        if code not in respondent.required:
            raise InvalidAnswer(
                f"{field}.competency_code",
                f"{code} is not in the standard of position {respondent.position_code}",
            )
        _check_level(f"{field}.level", level)
        rated[code] = level
    _check_text("note", note, MAX_COMMENT)
    return rated
