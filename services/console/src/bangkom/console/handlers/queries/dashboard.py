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
    unavailable: list[str] = field(default_factory=list)


async def dashboard(apis: Apis, viewer: Viewer, agency_code: str | None) -> Dashboard:
    """Beranda of an HR office: the heatmap (one level below ``agency_code``), 20 JP
    compliance, and the proposals waiting for a decision."""
    require_staff(viewer)
    page = Dashboard(agency_code)
    heatmap, compliance, pending = await asyncio.gather(
        part(page, apis.heatmap(agency_code, drill_depth(agency_code))),
        part(page, apis.compliance(agency_code)),
        part(page, apis.pending_proposals()),
    )
    if heatmap:
        page.competencies, page.heatmap = heatmap_rows(heatmap["agencies"])
    page.compliance, page.pending = compliance, pending
    page.unavailable.sort()
    return page
