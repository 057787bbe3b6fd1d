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
    pending: int | None = None
    overdue: tuple[int, bool] | None = None
    imports: list[Json] = field(default_factory=list)
    jpm: list[Json] = field(default_factory=list)
    pace: list[Json] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)


async def dashboard(apis: Apis, viewer: Viewer, agency_code: str | None) -> Dashboard:
    """Beranda of an HR office: the heatmap, the JPM distribution and 20 JP compliance
    (one level below ``agency_code``), the pace toward 20 JP, what waits for someone
    (proposals to decide, post-training evaluations overdue) and the person's running
    imports."""
    require_staff(viewer)
    page = Dashboard(agency_code)
    depth = drill_depth(agency_code)
    async with asyncio.TaskGroup() as parts:  # all at once; part() keeps an outage to itself
        heatmap = parts.create_task(part(page, apis.heatmap(agency_code, depth)))
        compliance = parts.create_task(part(page, apis.compliance(agency_code, depth)))
        pending = parts.create_task(part(page, apis.pending_proposals()))
        jpm = parts.create_task(part(page, apis.jpm(agency_code, depth)))
        pace = parts.create_task(part(page, apis.jp_pace(agency_code)))
        overdue = parts.create_task(part(page, apis.overdue_evaluations()))
        imports = parts.create_task(part(page, apis.running_imports()))
    if found := heatmap.result():
        page.competencies, page.heatmap = heatmap_rows(found["agencies"])
    page.compliance, page.pending, page.overdue = (
        compliance.result(),
        pending.result(),
        overdue.result(),
    )
    page.jpm, page.pace, page.imports = (
        jpm.result() or [],
        pace.result() or [],
        imports.result() or [],
    )
    page.unavailable.sort()
    return page
