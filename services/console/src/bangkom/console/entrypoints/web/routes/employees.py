"""Pegawai and Profil saya: one employee's record, competencies, proposals and JP;
recording an assessment result for them; an employee accepting their own proposal."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
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
from bangkom.console.handlers.on_commands import proposals, results
from bangkom.console.handlers.ports import NotAuthorised, Refused, ServiceUnavailable
from bangkom.console.handlers.queries.employees import (
    EmployeePage,
    employee_page,
    profile_page,
    roster,
)
from bangkom.console.handlers.viewer import Viewer
from bangkom.platform.web.attachments import attachment

router = APIRouter()
PROPOSAL_ID = re.compile(r"^[0-9A-Za-z-]{1,64}$")


@router.get("/profil", response_class=HTMLResponse)
async def my_profile(
    request: Request, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    require_page(viewer, "/profil")
    if viewer.nip is None:
        raise NotAuthorised("/profil")
    page = await profile_page(apis, viewer, viewer.nip)
    return _employee(request, viewer, render, page, title="Profil saya")


@router.get("/profil/data-saya")
async def my_personal_data(viewer: ViewerDep, apis: ApisDep) -> Response:
    """Everything bangkom holds about the signed-in employee, as one JSON file."""
    require_page(viewer, "/profil")
    if viewer.nip is None:
        raise NotAuthorised("/profil")
    held = await apis.personal_data(viewer.nip)
    return Response(
        json.dumps({"nip": viewer.nip, "layanan": held}, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers=attachment("data-pribadi-saya.json"),
    )


@router.post("/profil/usulan/{proposal_id}/terima")
async def accept_own_proposal(
    request: Request,
    proposal_id: str,
    viewer: ViewerDep,
    apis: ApisDep,
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    require_csrf(request, csrf_token)
    if not PROPOSAL_ID.match(proposal_id):
        raise NotAuthorised(proposal_id)
    try:
        await proposals.accept_own(apis, viewer, proposal_id)
        flash(request, "Usulan diterima; pendaftaran pelatihannya sedang diproses.")
    except (Refused, ServiceUnavailable) as refused:
        flash(request, why(refused), error=True)
    return redirect("/profil")


@router.get("/pegawai", response_class=HTMLResponse)
async def employees(
    request: Request,
    viewer: ViewerDep,
    apis: ApisDep,
    render: RenderDep,
    q: Annotated[str, Query(max_length=200)] = "",
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> Response:
    """Search the roster by NIP or name; a whole NIP opens that employee."""
    require_page(viewer, "/pegawai")
    wanted = " ".join(q.split())
    if NIP.match(wanted):
        return redirect(f"/pegawai/{wanted}")
    try:
        found, unavailable = await roster(apis, viewer, wanted, offset), []
    except ServiceUnavailable as down:
        found, unavailable = {"items": [], "next_offset": None}, [down.service]
    context = {"q": wanted, "found": found, "offset": offset, "unavailable": unavailable}
    return render(request, "pegawai.html", context)


@router.get("/pegawai/{nip}", response_class=HTMLResponse)
async def employee(
    request: Request, nip: str, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    if not NIP.match(nip):
        raise NotAuthorised(nip)
    page = await employee_page(apis, viewer, nip)
    return _employee(request, viewer, render, page, title="Pegawai")


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


def _employee(
    request: Request, viewer: Viewer, render: RenderDep, page: EmployeePage, *, title: str
) -> Response:
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
