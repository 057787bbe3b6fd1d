"""Kamus dan standar: the competency dictionary (any published version) and the
positions of the person's agencies with their standards; read-only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from bangkom.console.domain.dictionary import GROUPS, defaults_table, ordered, position_type
from bangkom.console.entrypoints.web.pages import ApisDep, RenderDep, ViewerDep, require_page
from bangkom.console.handlers.ports import ServiceUnavailable
from bangkom.console.handlers.queries.dictionary import dictionary, positions

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
