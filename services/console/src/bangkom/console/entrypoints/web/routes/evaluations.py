"""Evaluasi pascapelatihan: due and overdue evaluations, and recording L1-L4."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from bangkom.console.domain.evaluations import LEVELS, STATUS
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
from bangkom.console.handlers.on_commands.evaluations import record_level
from bangkom.console.handlers.ports import Refused, ServiceUnavailable
from bangkom.console.handlers.queries.evaluations import evaluation, evaluations

router = APIRouter()


@router.get("/evaluasi", response_class=HTMLResponse)
async def evaluation_list(
    request: Request,
    viewer: ViewerDep,
    apis: ApisDep,
    render: RenderDep,
    status_: Annotated[str, Query(alias="status", max_length=20)] = "due",
) -> Response:
    require_page(viewer, "/evaluasi")
    wanted = status_ if status_ in STATUS else None
    try:
        found, unavailable = await evaluations(apis, viewer, wanted), []
    except ServiceUnavailable as down:
        found, unavailable = [], [down.service]
    context = {"rows": found, "status": wanted, "statuses": STATUS, "unavailable": unavailable}
    return render(request, "evaluasi.html", context)


@router.get("/evaluasi/{evaluation_id}", response_class=HTMLResponse)
async def evaluation_page(
    request: Request, evaluation_id: str, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    found = await evaluation(apis, viewer, evaluation_id)
    context = {"e": found, "levels": LEVELS, "statuses": STATUS}
    return render(request, "evaluasi_detail.html", context)


@router.post("/evaluasi/{evaluation_id}/catat")
async def record(
    request: Request, evaluation_id: str, viewer: ViewerDep, apis: ApisDep
) -> Response:
    sent = await request.form()
    fields = {k: v for k, v in sent.items() if isinstance(v, str)}
    require_csrf(request, fields.get("csrf_token", ""))
    level = int(fields["level"]) if fields.get("level", "").isdigit() else 0
    try:
        await record_level(apis, viewer, evaluation_id, level, fields)
        flash(request, f"Evaluasi {LEVELS[level]} tercatat.")
    except (Refused, ServiceUnavailable) as refused:
        flash(request, why(refused), error=True)
    return redirect(f"/evaluasi/{evaluation_id}")
