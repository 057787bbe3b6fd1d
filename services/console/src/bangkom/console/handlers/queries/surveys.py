"""Survei kebutuhan: the surveys of an HR office, one survey's tracking and needs,
and an employee's own questionnaire."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from bangkom.console.handlers.access import require_own_nip, require_staff
from bangkom.console.handlers.ports import Apis, Json
from bangkom.console.handlers.queries.parts import part
from bangkom.console.handlers.viewer import Viewer


async def surveys(apis: Apis, viewer: Viewer) -> list[Json]:
    require_staff(viewer)
    return await apis.surveys(None)


@dataclass
class SurveyPage:
    survey: Json
    tracking: Json | None = None
    waiting: list[Json] = field(default_factory=list)
    more_waiting: bool = False
    needs: Json | None = None
    unavailable: list[str] = field(default_factory=list)


async def survey_page(apis: Apis, viewer: Viewer, survey_id: str) -> SurveyPage:
    """A survey; once open, who answered (and who not yet); once closed, its needs."""
    require_staff(viewer)
    page = SurveyPage(await apis.survey(survey_id))
    status = page.survey["status"]
    if status == "draft":
        return page
    tracking, waiting, needs = await asyncio.gather(
        part(page, apis.survey_tracking(survey_id)),
        part(page, apis.survey_waiting(survey_id)),
        part(page, apis.survey_needs(survey_id)) if status == "closed" else _nothing(),
    )
    page.tracking, page.needs = tracking, needs
    page.waiting, page.more_waiting = waiting or ([], False)
    return page


async def _nothing() -> None:
    return None


async def needs_workbook(apis: Apis, viewer: Viewer, survey_id: str) -> bytes:
    require_staff(viewer)
    return await apis.survey_needs_xlsx(survey_id)


async def my_surveys(apis: Apis, viewer: Viewer) -> list[Json]:
    """The open surveys the employee answers."""
    require_own_nip(viewer)
    return await apis.surveys("open")


@dataclass(frozen=True)
class Questionnaire:
    form: Json
    response: Json | None  # what they answered before, shown for changing
    subordinates: list[Json] = field(default_factory=list)  # theirs to rate, as supervisor

    def answer(self, code: str) -> Json:
        for answer in (self.response or {}).get("answers", []):
            if answer["competency_code"] == code:
                return dict(answer)
        return {}


async def questionnaire(apis: Apis, viewer: Viewer, survey_id: str) -> Questionnaire:
    nip = require_own_nip(viewer)
    form, response, subordinates = await asyncio.gather(
        apis.survey_form(survey_id, nip),
        apis.survey_response(survey_id, nip),
        apis.subordinates(survey_id),
    )
    return Questionnaire(form, response, subordinates)


@dataclass(frozen=True)
class RatingForm:
    form: Json  # the subordinate's competencies, as the survey fixed them
    rating: Json | None  # the supervisor's earlier rating, shown for changing

    def level(self, code: str) -> int | None:
        for rated in (self.rating or {}).get("levels", []):
            if rated["competency_code"] == code:
                return int(rated["level"])
        return None


async def rating_form(apis: Apis, viewer: Viewer, survey_id: str, nip: str) -> RatingForm:
    """A supervisor's rating of one subordinate (the survey API decides who that is)."""
    require_own_nip(viewer)
    form, rating = await asyncio.gather(
        apis.survey_form(survey_id, nip), apis.supervisor_rating(survey_id, nip)
    )
    return RatingForm(form, rating)
