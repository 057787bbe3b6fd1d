"""Reads, filtered by the caller's scope: out of scope looks the same as absent."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bangkom.platform.auth import Caller
from bangkom.platform.errors import AccessDenied, NotFound
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus
from bangkom.recommendation.domain.model import AgencyNeed
from bangkom.recommendation.domain.self_acceptance import self_acceptable
from bangkom.recommendation.handlers.access import (
    employee_nip,
    may_see_employee,
    placement_in_scope,
    visible_proposal,
)
from bangkom.recommendation.handlers.ports import (
    EmployeeGaps,
    EmployeeViews,
    RecommendationUnitOfWork,
)


async def employee_gaps(views: EmployeeViews, caller: Caller, nip: str) -> EmployeeGaps:
    found = await views.gaps(nip)
    if found is None or not may_see_employee(caller, found.placement):
        raise NotFound(f"employee {nip} not found")
    return found


async def employee_proposals(
    uow: RecommendationUnitOfWork, caller: Caller, nip: str
) -> list[Proposal]:
    await placement_in_scope(uow, caller, nip)
    return await uow.proposals.list(nip=nip, limit=500)


async def get_proposal(uow: RecommendationUnitOfWork, caller: Caller, proposal_id: str) -> Proposal:
    return await visible_proposal(uow, caller, proposal_id)


async def self_acceptable_ids(
    uow: RecommendationUnitOfWork, caller: Caller, proposals: Iterable[Proposal]
) -> frozenset[str]:
    """Which of these proposals the caller may accept themself (their own, open, for a
    free self-paced course); the catalog is read only for such candidates."""
    nip = employee_nip(caller)
    candidates = [p for p in proposals if p.nip == nip and p.status is ProposalStatus.PROPOSED]
    if not candidates:
        return frozenset()
    courses = await uow.courses.by_codes({p.course_code for p in candidates})
    return frozenset(
        p.id for p in candidates if self_acceptable(p, courses.get(p.course_code), employee_nip=nip)
    )


async def list_proposals(
    uow: RecommendationUnitOfWork,
    caller: Caller,
    *,
    agency_code: str | None = None,
    status: ProposalStatus | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Proposal], int]:
    """A page of the proposals of the caller's agencies (narrowed to one agency when
    asked; an employee sees their own), and how many there are in all."""
    whose = _whose_proposals(caller, agency_code)
    if whose is None:
        return [], 0
    page = await uow.proposals.list(**whose, status=status, limit=limit, offset=offset)
    return page, await uow.proposals.count(**whose, status=status)


async def proposals_page(
    uow: RecommendationUnitOfWork,
    caller: Caller,
    *,
    agency_code: str | None,
    status: ProposalStatus | None,
    limit: int,
    offset: int,
) -> list[Proposal]:
    """The proposals ``list_proposals`` pages through, without counting them (a report
    reads every page)."""
    whose = _whose_proposals(caller, agency_code)
    if whose is None:
        return []
    return await uow.proposals.list(**whose, status=status, limit=limit, offset=offset)


def _whose_proposals(caller: Caller, agency_code: str | None) -> dict[str, Any] | None:
    """The filter of the proposals the caller sees (None: none at all)."""
    scope = caller.agency_scope()
    if agency_code is not None:
        if scope is not None and not caller.may_manage_agency(agency_code):
            return None
        scope = frozenset({agency_code})
    mine = scope == frozenset() and caller.nip is not None
    return {"nip": caller.nip} if mine else {"scope": scope}


async def pending_recalculations(uow: RecommendationUnitOfWork, caller: Caller) -> int:
    """A count over every agency: not for those who see only some."""
    if not caller.sees_every_agency:
        raise AccessDenied("recalculation progress is province-wide: for administrators")
    return await uow.recalculations.pending()


async def agency_needs(
    uow: RecommendationUnitOfWork, caller: Caller, agency_code: str
) -> list[AgencyNeed]:
    """The needs proposals for this agency are weighed by (its own, or those of the closest
    agency above it that ran a survey)."""
    if not caller.may_manage_agency(agency_code):
        raise NotFound(f"agency {agency_code} not found")
    return sorted(await uow.needs.nearest(agency_code), key=lambda n: n.rank)
