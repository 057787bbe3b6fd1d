"""Beranda: the heatmap of the person's agencies, 20 JP compliance, waiting proposals."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from bangkom.console.entrypoints.web.pages import ApisDep, RenderDep, ViewerDep, require_page
from bangkom.console.handlers import queries
from bangkom.kernel.agencies import ancestors

router = APIRouter()
AGENCY = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z-]+)*$")
AgencyQuery = Annotated[str | None, Query(max_length=64)]


@router.get("/beranda", response_class=HTMLResponse)
async def dashboard(
    request: Request,
    viewer: ViewerDep,
    apis: ApisDep,
    render: RenderDep,
    agency: AgencyQuery = None,
) -> Response:
    require_page(viewer, "/beranda")
    wanted = agency.strip() if agency and AGENCY.match(agency.strip()) else None
    page = await queries.dashboard(apis, viewer, wanted)
    trail = ancestors(wanted) if wanted else []
    return render(
        request, "beranda.html", {"page": page, "unavailable": page.unavailable, "trail": trail}
    )
