"""Pegawai and Profil saya: one employee's record, competencies, proposals and JP;
recording an assessment result for them."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from bangkom.console.domain.navigation import STAFF
from bangkom.console.domain.profile import chart
from bangkom.console.entrypoints.web.pages import (
    NIP,
    ApisDep,
    RenderDep,
    ViewerDep,
    redirect,
    require_csrf,
    require_page,
    why,
)
from bangkom.console.entrypoints.web.session import flash
from bangkom.console.handlers import queries
from bangkom.console.handlers.on_commands import results
from bangkom.console.handlers.ports import Apis, NotAuthorised, Refused, ServiceUnavailable
from bangkom.console.handlers.viewer import Viewer

router = APIRouter()


@router.get("/profil", response_class=HTMLResponse)
async def my_profile(
    request: Request, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    require_page(viewer, "/profil")
    if viewer.nip is None:
        raise NotAuthorised("/profil")
    return await _employee(request, viewer, apis, render, viewer.nip, title="Profil saya")


@router.get("/pegawai", response_class=HTMLResponse)
async def employees(
    request: Request, viewer: ViewerDep, render: RenderDep, nip: str = ""
) -> Response:
    require_page(viewer, "/pegawai")
    wanted = nip.strip()
    if wanted and NIP.match(wanted):
        return redirect(f"/pegawai/{wanted}")
    if wanted:
        return render(
            request, "pegawai.html", {"nip": nip, "error": "NIP terdiri atas 18 angka."}, 422
        )
    return render(request, "pegawai.html", {"nip": ""})


@router.get("/pegawai/{nip}", response_class=HTMLResponse)
async def employee(
    request: Request, nip: str, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    if not NIP.match(nip):
        raise NotAuthorised(nip)
    return await _employee(request, viewer, apis, render, nip, title="Pegawai")


@router.post("/pegawai/{nip}/hasil")
async def record_result(
    request: Request,
    nip: str,
    viewer: ViewerDep,
    apis: ApisDep,
    csrf_token: Annotated[str, Form()] = "",
    competency_code: Annotated[str, Form(max_length=40)] = "",
    level: Annotated[int, Form(ge=1, le=5)] = 1,
    method: Annotated[str, Form(max_length=40)] = "assessment_center",
    assessed_on: Annotated[date | None, Form()] = None,
) -> Response:
    require_csrf(request, csrf_token)
    if not NIP.match(nip):
        raise NotAuthorised(nip)
    try:
        await results.record_result(
            apis,
            viewer,
            nip,
            competency_code=competency_code,
            level=level,
            method=method,
            assessed_on=assessed_on or date.today(),
        )
        flash(request, f"Hasil penilaian {competency_code} Level {level} tercatat.")
    except (Refused, ServiceUnavailable) as refused:
        flash(request, why(refused), error=True)
    return redirect(f"/pegawai/{nip}")


async def _employee(
    request: Request, viewer: Viewer, apis: Apis, render: RenderDep, nip: str, *, title: str
) -> Response:
    page = await queries.employee_page(apis, viewer, nip)
    return render(
        request,
        "pegawai_detail.html",
        {
            "title": title,
            "page": page,
            "unavailable": page.unavailable,
            "bars": chart(page.competencies, width=300),
            "staff": bool(viewer.roles & STAFF),
            "today": date.today().isoformat(),
        },
    )
