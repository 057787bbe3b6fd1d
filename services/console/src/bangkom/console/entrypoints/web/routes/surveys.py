"""Survei kebutuhan for an HR office: its surveys, planning one, opening and closing
it, who answered, the aggregated needs and their workbook."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from bangkom.console.domain.surveys import next_period
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
from bangkom.console.handlers.on_commands import surveys as commands
from bangkom.console.handlers.ports import Refused, ServiceUnavailable
from bangkom.console.handlers.queries import surveys as queries
from bangkom.platform.web.attachments import attachment

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/survei", response_class=HTMLResponse)
async def survey_list(
    request: Request, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    require_page(viewer, "/survei")
    try:
        found, unavailable = await queries.surveys(apis, viewer), []
    except ServiceUnavailable as down:
        found, unavailable = [], [down.service]
    context = {
        "surveys": found,
        "unavailable": unavailable,
        "period": next_period(date.today()),
        "agencies": ", ".join(viewer.agencies),
    }
    return render(request, "survei.html", context)


@router.post("/survei")
async def plan(
    request: Request,
    viewer: ViewerDep,
    apis: ApisDep,
    csrf_token: Annotated[str, Form()] = "",
    title: Annotated[str, Form(max_length=200)] = "",
    period: Annotated[str, Form(max_length=20)] = "",
    agency_codes: Annotated[str, Form(max_length=2000)] = "",
    deadline: Annotated[date | None, Form()] = None,
) -> Response:
    require_csrf(request, csrf_token)
    try:
        survey = await commands.plan_survey(
            apis, viewer, title=title, period=period, agency_codes=agency_codes, deadline=deadline
        )
    except (Refused, ServiceUnavailable) as refused:
        flash(request, why(refused), error=True)
        return redirect("/survei")
    flash(request, "Survei direncanakan (draf). Buka survei agar pegawai dapat mengisinya.")
    return redirect(f"/survei/{survey['id']}")


@router.get("/survei/{survey_id}", response_class=HTMLResponse)
async def survey(
    request: Request, survey_id: str, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    page = await queries.survey_page(apis, viewer, survey_id)
    return render(request, "survei_detail.html", {"page": page, "unavailable": page.unavailable})


@router.post("/survei/{survey_id}/buka")
async def open_survey(
    request: Request,
    survey_id: str,
    viewer: ViewerDep,
    apis: ApisDep,
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    require_csrf(request, csrf_token)
    try:
        await commands.open_survey(apis, viewer, survey_id)
        flash(request, "Survei dibuka; pegawai instansi dapat mengisinya sekarang.")
    except (Refused, ServiceUnavailable) as refused:
        flash(request, why(refused), error=True)
    return redirect(f"/survei/{survey_id}")


@router.post("/survei/{survey_id}/tutup")
async def close_survey(
    request: Request,
    survey_id: str,
    viewer: ViewerDep,
    apis: ApisDep,
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    require_csrf(request, csrf_token)
    try:
        await commands.close_survey(apis, viewer, survey_id)
        flash(request, "Survei ditutup; kebutuhan pelatihan telah dihitung.")
    except (Refused, ServiceUnavailable) as refused:
        flash(request, why(refused), error=True)
    return redirect(f"/survei/{survey_id}")


@router.get("/survei/{survey_id}/kebutuhan.xlsx")
async def needs_workbook(survey_id: str, viewer: ViewerDep, apis: ApisDep) -> Response:
    content = await queries.needs_workbook(apis, viewer, survey_id)
    name = f"kebutuhan-pelatihan-{survey_id[:8]}.xlsx"
    return Response(
        content,
        media_type=XLSX,
        headers=attachment(name),
    )
