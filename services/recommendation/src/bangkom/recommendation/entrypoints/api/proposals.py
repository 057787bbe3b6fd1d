from __future__ import annotations

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.paging import PagingDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.recommendation.domain.lifecycle import ProposalStatus
from bangkom.recommendation.entrypoints.api.deps import BusDep
from bangkom.recommendation.entrypoints.api.schemas.proposals import (
    DecisionCreate,
    ProposalPublic,
    ProposalsPublic,
)
from bangkom.recommendation.handlers import commands
from bangkom.recommendation.handlers.queries import employees as queries

router = ServiceRouter(prefix="/proposals", tags=["proposals"])


@router.get("", summary="Proposals in the caller's agencies (employees: their own)")
async def list_proposals(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    agency_code: str | None = None,
    status: ProposalStatus | None = None,
) -> ProposalsPublic:
    async with bus.uow_factory() as uow:
        proposals, total = await queries.list_proposals(
            uow,
            caller,
            agency_code=agency_code,
            status=status,
            limit=paging.limit,
            offset=paging.offset,
        )
        own = await queries.self_acceptable_ids(uow, caller, proposals)
    return ProposalsPublic.counted(ProposalPublic.each_of(proposals, own), paging, total)


@router.get("/{proposal_id}", summary="One proposal")
async def get_proposal(proposal_id: str, caller: CallerDep, bus: BusDep) -> ProposalPublic:
    async with bus.uow_factory() as uow:
        proposal = await queries.get_proposal(uow, caller, proposal_id)
        own = await queries.self_acceptable_ids(uow, caller, [proposal])
    return ProposalPublic.of(proposal, self_acceptable=proposal.id in own)


@router.post(
    "/{proposal_id}/decision",
    summary="Accept (the training service enrols) or reject (with a reason) a proposal",
    description="By an operator of the employee's agency or the employee's supervisor; "
    "the employee themself may accept (not reject) one whose `self_acceptable` is true: "
    "a free, self-paced course (e-learning, self-study).",
    responses={
        403: {"description": "The caller may see the proposal but not decide it this way"},
        409: {"description": "The proposal is no longer open to a decision"},
    },
)
async def decide_proposal(
    proposal_id: str, body: DecisionCreate, caller: CallerDep, bus: BusDep
) -> ProposalPublic:
    decided = await bus.handle(
        commands.DecideProposal(
            caller=caller,
            proposal_id=proposal_id,
            accept=body.decision == "accepted",
            reason=body.reason,
        )
    )
    return ProposalPublic.of(decided, self_acceptable=False)  # decided: open to nobody
