"""Beranda of an HR office."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from bangkom.console.domain.dashboard import HeatmapRow, drill_depth, heatmap_rows
from bangkom.console.handlers.access import require_staff
from bangkom.console.handlers.ports import Apis, Json
from bangkom.console.handlers.queries.parts import part
from bangkom.console.handlers.viewer import Viewer


@dataclass
class Dashboard:
    agency_code: str | None
    competencies: list[str] = field(default_factory=list)
    heatmap: list[HeatmapRow] = field(default_factory=list)
    compliance: Json | None = None
    pending: tuple[int, bool] | None = None
    jpm: list[Json] = field(default_factory=list)
    pace: list[Json] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)


async def dashboard(apis: Apis, viewer: Viewer, agency_code: str | None) -> Dashboard:
    """Beranda of an HR office: the heatmap and the JPM distribution (one level below
    ``agency_code``), 20 JP compliance and its pace, and the proposals waiting."""
    require_staff(viewer)
    page = Dashboard(agency_code)
    depth = drill_depth(agency_code)
    heatmap, compliance, pending, jpm, pace = await asyncio.gather(
        part(page, apis.heatmap(agency_code, depth)),
        part(page, apis.compliance(agency_code)),
        part(page, apis.pending_proposals()),
        part(page, apis.jpm(agency_code, depth)),
        part(page, apis.jp_pace(agency_code)),
    )
    if heatmap:
        page.competencies, page.heatmap = heatmap_rows(heatmap["agencies"])
    page.compliance, page.pending = compliance, pending
    page.jpm, page.pace = jpm or [], pace or []
    page.unavailable.sort()
    return page
