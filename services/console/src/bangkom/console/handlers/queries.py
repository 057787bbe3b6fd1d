"""What each page shows, gathered from the services at once; a service that does not
answer leaves its part empty and is named, the rest of the page still shows."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import TypeVar

from bangkom.console.domain.dashboard import HeatmapRow, drill_depth, heatmap_rows
from bangkom.console.domain.profile import CompetencyRow, competency_rows
from bangkom.console.handlers.access import require_employee_page, require_staff
from bangkom.console.handlers.ports import Apis, Json, ServiceUnavailable
from bangkom.console.handlers.viewer import Viewer

T = TypeVar("T")


@dataclass
class EmployeePage:
    nip: str
    employee: Json | None = None
    competencies: list[CompetencyRow] = field(default_factory=list)
    proposals: list[Json] = field(default_factory=list)
    ledger: Json | None = None
    unavailable: list[str] = field(default_factory=list)


async def employee_page(apis: Apis, viewer: Viewer, nip: str) -> EmployeePage:
    """The employee's record, competencies, proposals and JP ledger. NotAuthorised from
    any API ends the page: nothing of another agency's employee is shown."""
    require_employee_page(viewer, nip)
    page = EmployeePage(nip)
    employee, gaps, proposals, ledger = await asyncio.gather(
        _part(page, apis.employee(nip)),
        _part(page, apis.gaps(nip)),
        _part(page, apis.proposals(nip)),
        _part(page, apis.ledger(nip)),
    )
    page.employee = employee
    page.competencies = competency_rows(gaps["gaps"]) if gaps else []
    page.proposals = proposals or []
    page.ledger = ledger
    page.unavailable.sort()
    return page


async def _part(page: EmployeePage | Dashboard, call: Awaitable[T]) -> T | None:
    try:
        return await call
    except ServiceUnavailable as down:
        page.unavailable.append(down.service)
        return None


async def proposals(apis: Apis, viewer: Viewer, status: str | None) -> list[Json]:
    """The approval queue: proposals of the person's agencies (their scope is the
    recommendation API's), newest first."""
    require_staff(viewer)
    return await apis.agency_proposals(status)


@dataclass
class ImportPage:
    job: Json
    rejected: list[Json] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.job["status"] in ("done", "failed", "interrupted")


async def import_page(apis: Apis, viewer: Viewer, job_id: str) -> ImportPage:
    """An import's progress; once it has finished, the rows it refused."""
    require_staff(viewer)
    page = ImportPage(await apis.import_job(job_id))
    if page.finished and page.job["rows_rejected"]:
        page.rejected = await apis.import_errors(job_id)
    return page


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
        _part(page, apis.heatmap(agency_code, drill_depth(agency_code))),
        _part(page, apis.compliance(agency_code)),
        _part(page, apis.pending_proposals()),
    )
    if heatmap:
        page.competencies, page.heatmap = heatmap_rows(heatmap["agencies"])
    page.compliance, page.pending = compliance, pending
    page.unavailable.sort()
    return page
