"""Survei kepuasan masyarakat: a member of the public answers a unit's SKM period,
without an account; the survey decides whether it is open and how often an address
may answer."""

from __future__ import annotations

from collections.abc import Mapping

from bangkom.console.domain.satisfaction import answer_from_form
from bangkom.console.handlers.ports import Json, PublicSurvey


async def answer_publicly(
    public: PublicSurvey, period: Json, form: Mapping[str, str], submission_id: str
) -> bool:
    """True when stored; False when this submission was stored before (sent twice).
    InvalidAnswer for a form that is not an answer, AnswerRefused for the survey's no."""
    answer = answer_from_form(form, period["elements"], submission_id)
    return await public.answer(period["id"], answer)
