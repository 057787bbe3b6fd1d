"""Domain values to and from the JSON columns (keys of JSON objects are strings)."""

from __future__ import annotations

from typing import Any

from bangkom.survey.domain.framework import CompetencyQuestion
from bangkom.survey.domain.needs import Need
from bangkom.survey.domain.responses import CompetencyAnswer
from bangkom.survey.domain.surveys import ExtraQuestion, QuestionKind


def question_out(question: CompetencyQuestion) -> dict[str, Any]:
    return {
        **question.__dict__,
        "levels": {str(level): text for level, text in question.levels.items()},
    }


def question_in(data: dict[str, Any]) -> CompetencyQuestion:
    return CompetencyQuestion(
        **{**data, "levels": {int(level): text for level, text in data["levels"].items()}}
    )


def extra_out(question: ExtraQuestion) -> dict[str, Any]:
    return {**question.__dict__, "kind": question.kind.value}


def extra_in(data: dict[str, Any]) -> ExtraQuestion:
    return ExtraQuestion(**{**data, "kind": QuestionKind(data["kind"])})


def answer_out(answer: CompetencyAnswer) -> dict[str, Any]:
    return dict(answer.__dict__)


def answer_in(data: dict[str, Any]) -> CompetencyAnswer:
    return CompetencyAnswer(**data)


def need_out(need: Need) -> dict[str, Any]:
    return dict(need.__dict__)


def need_in(data: dict[str, Any]) -> Need:
    return Need(**data)
