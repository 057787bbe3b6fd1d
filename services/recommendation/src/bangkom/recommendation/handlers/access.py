"""Who may see and decide what in the recommendation service.

- An employee's gaps and proposals: the operators of their agency (and above it), the
  employee themself, and their supervisor (from the roster's placement).
- A decision on a proposal: the operators of the employee's agency or the supervisor;
  the employee themself may accept one for a free, self-paced course
  (domain.self_acceptance).
- Agency analytics: operators (their agencies) and province admins (every agency);
  an employee has none.
Out of scope looks the same as absent (404).
"""

from __future__ import annotations

from bangkom.platform.auth import Caller, Role
from bangkom.platform.errors import AccessDenied, NotFound
from bangkom.recommendation.domain.lifecycle import Proposal
from bangkom.recommendation.domain.model import Placement
from bangkom.recommendation.domain.self_acceptance import self_acceptance_refusal
from bangkom.recommendation.handlers.analytics_ports import Scope
from bangkom.recommendation.handlers.ports import RecommendationUnitOfWork


def may_see_employee(caller: Caller, placement: Placement) -> bool:
    return caller.may_read_employee(placement.nip, placement.agency_code) or (
        caller.nip is not None and placement.supervisor_nip == caller.nip
    )


async def placement_in_scope(uow: RecommendationUnitOfWork, caller: Caller, nip: str) -> Placement:
    placement = await uow.placements.get(nip)
    if placement is None or not may_see_employee(caller, placement):
        raise NotFound(f"employee {nip} not found")
    return placement


async def supervises(uow: RecommendationUnitOfWork, caller: Caller, nip: str) -> bool:
    if Role.EMPLOYEE not in caller.roles or caller.nip is None:
        return False
    placement = await uow.placements.get(nip)
    return placement is not None and placement.supervisor_nip == caller.nip


async def visible_proposal(
    uow: RecommendationUnitOfWork, caller: Caller, proposal_id: str
) -> Proposal:
    """The proposal, if the caller may see it: its agency's operators, the employee, or
    the employee's supervisor. Anyone else is told it does not exist."""
    proposal = await uow.proposals.get(proposal_id)
    if proposal is not None:
        if caller.may_read_employee(proposal.nip, proposal.agency_code):
            return proposal
        if await supervises(uow, caller, proposal.nip):
            return proposal
    raise NotFound(f"proposal {proposal_id} not found")


def employee_nip(caller: Caller) -> str | None:
    """The caller's own NIP when they call as an employee."""
    return caller.nip if Role.EMPLOYEE in caller.roles else None


async def require_decider(
    uow: RecommendationUnitOfWork, caller: Caller, proposal: Proposal, *, accept: bool
) -> None:
    if caller.may_manage_agency(proposal.agency_code) or await supervises(
        uow, caller, proposal.nip
    ):
        return
    courses = await uow.courses.by_codes([proposal.course_code])
    refusal = self_acceptance_refusal(
        proposal,
        courses.get(proposal.course_code),
        employee_nip=employee_nip(caller),
        accept=accept,
    )
    if refusal is not None:
        raise AccessDenied(refusal)


def analytics_scope(caller: Caller, agency_code: str | None = None) -> Scope:
    """The agencies the figures cover: the caller's, or one agency of theirs."""
    scope = caller.agency_scope()
    if scope == frozenset():
        raise AccessDenied("agency analytics are for agency operators and province administrators")
    if agency_code is None:
        return scope
    if not caller.may_manage_agency(agency_code):
        raise NotFound(f"agency {agency_code} not found", field="agency_code")
    return frozenset({agency_code})
