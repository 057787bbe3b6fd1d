"""Decisions on proposals: by an operator of the employee's agency or their supervisor."""

from __future__ import annotations

from bangkom.platform.auth import Caller, Role
from bangkom.platform.catalog import ProposalDecided
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import AccessDenied, Conflict, InvalidInput, NotFound
from bangkom.recommendation.domain.lifecycle import InvalidTransition, Proposal
from bangkom.recommendation.handlers import commands
from bangkom.recommendation.handlers.ports import RecommendationUnitOfWork


async def visible_proposal(
    uow: RecommendationUnitOfWork, caller: Caller, proposal_id: str
) -> Proposal:
    """The proposal, if the caller may see it: its agency's operators, the employee, or
    the employee's supervisor. Anyone else is told it does not exist."""
    proposal = await uow.proposals.get(proposal_id)
    if proposal is not None:
        if caller.may_read_employee(proposal.nip, proposal.agency_code):
            return proposal
        if await _supervises(uow, caller, proposal.nip):
            return proposal
    raise NotFound(f"proposal {proposal_id} not found")


async def _supervises(uow: RecommendationUnitOfWork, caller: Caller, nip: str) -> bool:
    if Role.EMPLOYEE not in caller.roles or caller.nip is None:
        return False
    placement = await uow.placements.get(nip)
    return placement is not None and placement.supervisor_nip == caller.nip


async def decide_proposal(
    cmd: commands.DecideProposal, uow: RecommendationUnitOfWork, clock: Clock = utc_now
) -> Proposal:
    seen = await visible_proposal(uow, cmd.caller, cmd.proposal_id)
    # Read again once held: a recalculation may have settled it meanwhile.
    await uow.hold_employees([seen.nip])
    proposal = await uow.proposals.get(seen.id) or seen
    may_decide = cmd.caller.may_manage_agency(proposal.agency_code) or await _supervises(
        uow, cmd.caller, proposal.nip
    )
    if not may_decide:
        raise AccessDenied("only an operator of the agency or the supervisor decides")
    if not cmd.accept and not (cmd.reason and cmd.reason.strip()):
        raise InvalidInput("a rejection needs a reason", field="reason")
    now = clock()
    try:
        decided = proposal.decide(
            accept=cmd.accept, by=cmd.caller.subject, reason=cmd.reason, at=now
        )
    except InvalidTransition as exc:
        raise Conflict(str(exc)) from exc
    await uow.proposals.save(decided)
    uow.publish(
        ProposalDecided(
            proposal_id=decided.id,
            nip=decided.nip,
            agency_code=decided.agency_code,
            competency_code=decided.competency_code,
            course_code=decided.course_code,
            decision="accepted" if cmd.accept else "rejected",
            reason=cmd.reason,
            decided_by=cmd.caller.subject,
            decided_at=now,
        )
    )
    return decided
