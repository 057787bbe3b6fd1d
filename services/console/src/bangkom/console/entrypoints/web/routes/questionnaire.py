"""Profil saya: an employee fills in the training-needs survey assigned to them and,
as a supervisor, rates their subordinates among its respondents."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from bangkom.console.domain.surveys import IMPORTANCE, LEARNING_MODES
from bangkom.console.entrypoints.web.pages import (
    ApisDep,
    RenderDep,
    ViewerDep,
    redirect,
    require_csrf,
    require_page,
    why,
)
from bangkom.console.entrypoints.web.session import flash
from bangkom.console.handlers.on_commands.surveys import answer_survey, rate_subordinate
from bangkom.console.handlers.ports import Refused, ServiceUnavailable
from bangkom.console.handlers.queries.surveys import questionnaire, rating_form

router = APIRouter()


@router.get("/profil/survei/{survey_id}", response_class=HTMLResponse)
async def form(
    request: Request, survey_id: str, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    require_page(viewer, "/profil")
    found = await questionnaire(apis, viewer, survey_id)
    context = {"q": found, "modes": LEARNING_MODES, "importance": IMPORTANCE}
    return render(request, "kuesioner.html", context)


@router.post("/profil/survei/{survey_id}")
async def answer(request: Request, survey_id: str, viewer: ViewerDep, apis: ApisDep) -> Response:
    require_page(viewer, "/profil")
    sent = await request.form()
    fields = {k: v for k, v in sent.items() if isinstance(v, str)}
    require_csrf(request, fields.get("csrf_token", ""))
    try:
        await answer_survey(apis, viewer, survey_id, fields)
    except (Refused, ServiceUnavailable) as refused:
        flash(request, why(refused), error=True)
        return redirect(f"/profil/survei/{survey_id}")
    flash(request, "Terima kasih, jawaban survei Anda tersimpan.")
    return redirect("/profil")


@router.get("/profil/survei/{survey_id}/bawahan/{nip}", response_class=HTMLResponse)
async def subordinate_form(
    request: Request,
    survey_id: str,
    nip: str,
    viewer: ViewerDep,
    apis: ApisDep,
    render: RenderDep,
) -> Response:
    require_page(viewer, "/profil")
    found = await rating_form(apis, viewer, survey_id, nip)
    return render(request, "penilaian_bawahan.html", {"r": found})


@router.post("/profil/survei/{survey_id}/bawahan/{nip}")
async def rate(
    request: Request, survey_id: str, nip: str, viewer: ViewerDep, apis: ApisDep
) -> Response:
    require_page(viewer, "/profil")
    sent = await request.form()
    fields = {k: v for k, v in sent.items() if isinstance(v, str)}
    require_csrf(request, fields.get("csrf_token", ""))
    try:
        await rate_subordinate(apis, viewer, survey_id, nip, fields)
    except (Refused, ServiceUnavailable) as refused:
        flash(request, why(refused), error=True)
        return redirect(f"/profil/survei/{survey_id}/bawahan/{nip}")
    flash(request, "Penilaian Anda tersimpan.")
    return redirect(f"/profil/survei/{survey_id}")
