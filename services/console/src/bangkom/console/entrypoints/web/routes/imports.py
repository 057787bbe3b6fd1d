"""Impor: uploading a roster or results file, its progress, its rejected rows."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from bangkom.console.entrypoints.web.formatting import rejected_csv
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
from bangkom.console.handlers.on_commands import imports
from bangkom.console.handlers.ports import Apis, Refused, ServiceUnavailable
from bangkom.console.handlers.queries.imports import import_page
from bangkom.console.handlers.viewer import Viewer
from bangkom.platform.web.attachments import attachment

router = APIRouter()


@router.get("/impor", response_class=HTMLResponse)
async def import_form(request: Request, viewer: ViewerDep, render: RenderDep) -> Response:
    require_page(viewer, "/impor")
    return render(request, "impor.html", {"kinds": imports.KINDS})


@router.post("/impor")
async def upload(
    request: Request,
    viewer: ViewerDep,
    apis: ApisDep,
    csrf_token: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    require_csrf(request, csrf_token)
    content = await file.read() if file is not None else b""
    filename = (file.filename if file is not None else None) or "berkas"
    try:
        job = await imports.start_import(apis, viewer, kind, filename, content)
    except (Refused, ServiceUnavailable) as refused:
        flash(request, why(refused), error=True)
        return redirect("/impor")
    return redirect(f"/impor/{job['id']}")


@router.get("/impor/{job_id}", response_class=HTMLResponse)
async def progress(
    request: Request, job_id: str, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    return await _job(request, viewer, apis, render, job_id, "impor_hasil.html")


@router.get("/impor/{job_id}/kemajuan", response_class=HTMLResponse)
async def progress_part(
    request: Request, job_id: str, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    """The progress alone: the page's script swaps it in until the import ends."""
    return await _job(request, viewer, apis, render, job_id, "_impor_kemajuan.html")


@router.get("/impor/{job_id}/baris-ditolak.csv")
async def rejected_rows(job_id: str, viewer: ViewerDep, apis: ApisDep) -> Response:
    found = await import_page(apis, viewer, job_id)
    return Response(
        rejected_csv(found.rejected),
        media_type="text/csv; charset=utf-8",
        headers=attachment(f"baris-ditolak-{job_id}.csv"),
    )


async def _job(
    request: Request, viewer: Viewer, apis: Apis, render: RenderDep, job_id: str, template: str
) -> Response:
    try:
        found = await import_page(apis, viewer, job_id)
    except ServiceUnavailable as down:
        return render(request, template, {"found": None, "unavailable": [down.service]})
    return render(request, template, {"found": found, "kinds": imports.KINDS})
