"""Katalog dan jadwal: search the catalog, a course with its sessions and seats,
enrolling an employee, recording how an enrolled employee completed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from bangkom.console.domain.catalog import OUTCOMES, CourseSearch, enrolment_message
from bangkom.console.domain.surveys import LEARNING_MODES
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
from bangkom.console.handlers.on_commands import enrolments
from bangkom.console.handlers.ports import Refused, ServiceUnavailable
from bangkom.console.handlers.queries.catalog import catalog, course_page

router = APIRouter()
Text = Annotated[str, Query(max_length=200)]


@router.get("/katalog", response_class=HTMLResponse)
async def search(
    request: Request,
    viewer: ViewerDep,
    apis: ApisDep,
    render: RenderDep,
    q: Text = "",
    kompetensi: Annotated[str, Query(max_length=40)] = "",
    moda: Annotated[str, Query(max_length=20)] = "",
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> Response:
    require_page(viewer, "/katalog")
    wanted = CourseSearch.of(q, kompetensi, moda)
    try:
        found, unavailable = await catalog(apis, viewer, wanted, offset), []
    except ServiceUnavailable as down:
        found, unavailable = {"items": [], "total": 0, "next_offset": None}, [down.service]
    context = {
        "found": found,
        "search": wanted,
        "modes": LEARNING_MODES,
        "offset": offset,
        "unavailable": unavailable,
    }
    return render(request, "katalog.html", context)


@router.get("/katalog/{code}", response_class=HTMLResponse)
async def course(
    request: Request, code: str, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    page = await course_page(apis, viewer, code)
    context = {"page": page, "unavailable": page.unavailable, "outcomes": OUTCOMES}
    return render(request, "katalog_detail.html", context)


@router.post("/katalog/{code}/pendaftaran")
async def enrol(
    request: Request,
    code: str,
    viewer: ViewerDep,
    apis: ApisDep,
    csrf_token: Annotated[str, Form()] = "",
    session_code: Annotated[str, Form(max_length=64)] = "",
    nip: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    require_csrf(request, csrf_token)
    try:
        enrolment = await enrolments.enrol(apis, viewer, session_code, nip)
        flash(request, enrolment_message(enrolment))
    except (Refused, ServiceUnavailable) as refused:
        flash(request, why(refused), error=True)
    return redirect(f"/katalog/{code}")


@router.post("/katalog/{code}/penyelesaian/{enrolment_id}")
async def complete(
    request: Request,
    code: str,
    enrolment_id: str,
    viewer: ViewerDep,
    apis: ApisDep,
    csrf_token: Annotated[str, Form()] = "",
    outcome: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    require_csrf(request, csrf_token)
    try:
        done = await enrolments.complete(apis, viewer, enrolment_id, outcome)
        flash(request, f"Penyelesaian {done['nip']} tercatat: {done['jp_credited']} JP.")
    except (Refused, ServiceUnavailable) as refused:
        flash(request, why(refused), error=True)
    return redirect(f"/katalog/{code}")
