"""Pegawai and Profil saya: one employee's record, competencies, proposals and JP;
on their own profile, the surveys they have to fill in."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from bangkom.console.domain.profile import CompetencyRow, competency_rows
from bangkom.console.handlers.access import require_employee_page, require_staff
from bangkom.console.handlers.ports import Apis, Json
from bangkom.console.handlers.queries.parts import part
from bangkom.console.handlers.queries.surveys import my_surveys
from bangkom.console.handlers.viewer import Viewer


@dataclass
class EmployeePage:
    nip: str
    employee: Json | None = None
    competencies: list[CompetencyRow] = field(default_factory=list)
    proposals: list[Json] = field(default_factory=list)
    ledger: Json | None = None
    surveys: list[Json] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)


async def employee_page(apis: Apis, viewer: Viewer, nip: str) -> EmployeePage:
    """The employee's record, competencies, proposals and JP ledger. NotAuthorised from
    any API ends the page: nothing of another agency's employee is shown."""
    require_employee_page(viewer, nip)
    page = EmployeePage(nip)
    await _fill(apis, page)
    page.unavailable.sort()
    return page


async def profile_page(apis: Apis, viewer: Viewer, nip: str) -> EmployeePage:
    """Profil saya: the employee's own page and the open surveys they answer."""
    require_employee_page(viewer, nip)
    page = EmployeePage(nip)
    _, surveys = await asyncio.gather(_fill(apis, page), part(page, my_surveys(apis, viewer)))
    page.surveys = surveys or []
    page.unavailable.sort()
    return page


async def _fill(apis: Apis, page: EmployeePage) -> None:
    nip = page.nip
    employee, gaps, proposals, ledger = await asyncio.gather(
        part(page, apis.employee(nip)),
        part(page, apis.gaps(nip)),
        part(page, apis.proposals(nip)),
        part(page, apis.ledger(nip)),
    )
    page.employee = employee
    page.competencies = competency_rows(gaps["gaps"]) if gaps else []
    page.proposals = proposals or []
    page.ledger = ledger


async def roster(apis: Apis, viewer: Viewer, search: str, offset: int) -> Json:
    """Pegawai: the roster of the person's agencies, searched by NIP or name (the
    evaluation API's scope), a page at a time."""
    require_staff(viewer)
    return await apis.roster(search, offset)
