"""Kamus dan standar: the competency dictionary (any published version) and the
positions of the person's agencies with their standards; a province admin changes a
position type's default standard, seeing first what it recalculates."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from bangkom.console.domain.dictionary import (
    GROUPS,
    LEVELS,
    defaults_table,
    levels_from_form,
    ordered,
    position_type,
)
from bangkom.console.domain.navigation import PROVINCE_ADMIN
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
from bangkom.console.handlers.access import require_admin
from bangkom.console.handlers.on_commands.framework import preview_defaults, publish_defaults
from bangkom.console.handlers.ports import Apis, NotAuthorised, Refused, ServiceUnavailable
from bangkom.console.handlers.queries.dictionary import dictionary, positions
from bangkom.console.handlers.viewer import Viewer

router = APIRouter()


@router.get("/kamus", response_class=HTMLResponse)
async def competency_dictionary(
    request: Request,
    viewer: ViewerDep,
    apis: ApisDep,
    render: RenderDep,
    versi: Annotated[int | None, Query(ge=1, le=100_000)] = None,
) -> Response:
    require_page(viewer, "/kamus")
    try:
        page = await dictionary(apis, viewer, versi)
    except ServiceUnavailable as down:
        return render(request, "kamus.html", {"page": None, "unavailable": [down.service]})
    codes, defaults = defaults_table(page.framework["position_type_defaults"])
    context = {
        "page": page,
        "competencies": ordered(page.framework["competencies"]),
        "groups": GROUPS,
        "default_codes": codes,
        "defaults": defaults,
        "position_type": position_type,
        # Changing the current version's defaults is the province admins' (the API checks).
        "may_publish": versi is None and PROVINCE_ADMIN in viewer.roles,
    }
    return render(request, "kamus.html", context)


@router.get("/kamus/jabatan", response_class=HTMLResponse)
async def position_standards(
    request: Request,
    viewer: ViewerDep,
    apis: ApisDep,
    render: RenderDep,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> Response:
    require_page(viewer, "/kamus")
    page = await positions(apis, viewer, offset)
    context = {
        "page": page,
        "offset": offset,
        "unavailable": page.unavailable,
        "position_type": position_type,
    }
    return render(request, "jabatan.html", context)


PositionType = Annotated[str, Path(pattern=r"^[a-z_]{1,40}$")]
Note = Annotated[str, Form(max_length=500)]
LEVELS_MISSING = "Pilih level 1 sampai 5 untuk setiap kompetensi."


async def _current_levels(apis: Apis, viewer: Viewer, kind: str) -> dict[str, int]:
    """The default standard of ``kind`` in the current version."""
    require_admin(viewer)
    defaults = (await apis.framework(None))["position_type_defaults"]
    if kind not in defaults:
        raise NotAuthorised(kind)
    return dict(defaults[kind])


async def _asked(
    request: Request, apis: Apis, viewer: Viewer, kind: str
) -> tuple[dict[str, int], dict[str, int]]:
    """The type's current default standard, and the one the form asks for."""
    current = await _current_levels(apis, viewer, kind)
    levels = levels_from_form(list(current), await request.form())
    if levels is None:
        raise Refused(LEVELS_MISSING)
    return current, levels


def _back_to_form(request: Request, kind: str, refused: Exception) -> Response:
    flash(request, why(refused), error=True)
    return redirect(f"/kamus/bawaan/{kind}")


@router.get("/kamus/bawaan/{kind}", response_class=HTMLResponse)
async def default_standard_form(
    request: Request, kind: PositionType, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    current = await _current_levels(apis, viewer, kind)
    context = {"kind": kind, "name": position_type(kind), "levels": current, "choices": LEVELS}
    return render(request, "kamus_bawaan.html", context)


@router.post("/kamus/bawaan/{kind}/pratinjau", response_class=HTMLResponse)
async def preview_default_standard(
    request: Request,
    kind: PositionType,
    viewer: ViewerDep,
    apis: ApisDep,
    render: RenderDep,
    csrf_token: Annotated[str, Form()] = "",
    note: Note = "",
) -> Response:
    require_csrf(request, csrf_token)
    try:
        current, levels = await _asked(request, apis, viewer, kind)
        impact = await preview_defaults(apis, viewer, kind, levels, note)
    except (Refused, ServiceUnavailable) as refused:
        return _back_to_form(request, kind, refused)
    context = {
        "kind": kind,
        "name": position_type(kind),
        "levels": levels,
        "current": current,
        "note": note,
        "impact": impact,
    }
    return render(request, "kamus_pratinjau.html", context)


@router.post("/kamus/bawaan/{kind}/terbitkan")
async def publish_default_standard(
    request: Request,
    kind: PositionType,
    viewer: ViewerDep,
    apis: ApisDep,
    csrf_token: Annotated[str, Form()] = "",
    note: Note = "",
) -> Response:
    require_csrf(request, csrf_token)
    try:
        _, levels = await _asked(request, apis, viewer, kind)
        published = await publish_defaults(apis, viewer, kind, levels, note)
    except (Refused, ServiceUnavailable) as refused:
        return _back_to_form(request, kind, refused)
    flash(
        request,
        f"Versi {published['version']} terbit; kesenjangan pegawai pada jabatan yang "
        "standarnya berubah dihitung ulang.",
    )
    return redirect("/kamus")
