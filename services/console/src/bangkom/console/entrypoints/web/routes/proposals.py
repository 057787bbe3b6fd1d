"""Usulan pelatihan: the approval queue, live; deciding one or several."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from bangkom.console.entrypoints.web.pages import (
    ApisDep,
    RenderDep,
    ViewerDep,
    redirect,
    require_csrf,
    why,
)
from bangkom.console.entrypoints.web.session import flash
from bangkom.console.handlers import queries
from bangkom.console.handlers.on_commands import proposals
from bangkom.console.handlers.ports import Apis, Refused, ServiceUnavailable
from bangkom.console.handlers.viewer import Viewer

router = APIRouter()
STATUSES = ("proposed", "accepted", "rejected", "enrolled", "fulfilled", "expired")
StatusQuery = Annotated[str, Query(alias="status", max_length=20)]


@router.get("/usulan", response_class=HTMLResponse)
async def queue(
    request: Request,
    viewer: ViewerDep,
    apis: ApisDep,
    render: RenderDep,
    status_: StatusQuery = "proposed",
) -> Response:
    return await _queue(request, viewer, apis, render, status_, "usulan.html")


@router.get("/usulan/daftar", response_class=HTMLResponse)
async def queue_rows(
    request: Request,
    viewer: ViewerDep,
    apis: ApisDep,
    render: RenderDep,
    status_: StatusQuery = "proposed",
) -> Response:
    """The queue's rows alone: the page's script swaps them in while a person waits."""
    return await _queue(request, viewer, apis, render, status_, "_usulan_rows.html")


@router.post("/usulan/{proposal_id}/keputusan")
async def decide(
    request: Request,
    proposal_id: str,
    viewer: ViewerDep,
    apis: ApisDep,
    csrf_token: Annotated[str, Form()] = "",
    decision: Annotated[str, Form()] = "",
    note: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    require_csrf(request, csrf_token)
    accept = decision == "terima"
    try:
        await proposals.decide(apis, viewer, proposal_id, accept=accept, note=note)
        flash(request, "Usulan diterima." if accept else "Usulan ditolak.")
    except (Refused, ServiceUnavailable) as refused:
        flash(request, why(refused), error=True)
    return redirect("/usulan")


@router.post("/usulan/terima")
async def accept_selected(
    request: Request,
    viewer: ViewerDep,
    apis: ApisDep,
    csrf_token: Annotated[str, Form()] = "",
    proposal_id: Annotated[list[str] | None, Form()] = None,
) -> Response:
    require_csrf(request, csrf_token)
    chosen = proposal_id or []
    try:
        refusals = await proposals.accept_all(apis, viewer, chosen)
    except ServiceUnavailable as down:
        refusals = [why(down)] * len(chosen)
    flash(request, f"{len(chosen) - len(refusals)} usulan diterima.")
    for refusal in sorted(set(refusals)):
        flash(request, refusal, error=True)
    return redirect("/usulan")


async def _queue(
    request: Request, viewer: Viewer, apis: Apis, render: RenderDep, status_: str, template: str
) -> Response:
    wanted = status_ if status_ in STATUSES else None
    try:
        found = await queries.proposals(apis, viewer, wanted)
    except ServiceUnavailable as down:
        return render(
            request, template, {"rows": [], "status": wanted, "unavailable": [down.service]}
        )
    return render(request, template, {"rows": found, "status": wanted})
