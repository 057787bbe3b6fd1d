"""Decisions on proposals: by an operator of the employee's agency or their supervisor,
or, accepting a free self-paced course, by the employee themself."""

from __future__ import annotations

from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import Conflict, InvalidInput
from bangkom.recommendation.domain.lifecycle import InvalidTransition, Proposal
from bangkom.recommendation.handlers import commands
from bangkom.recommendation.handlers.access import require_decider, visible_proposal
from bangkom.recommendation.handlers.ports import RecommendationUnitOfWork
from bangkom.recommendation.handlers.publishing import proposal_decided


async def decide_proposal(
    cmd: commands.DecideProposal, uow: RecommendationUnitOfWork, clock: Clock = utc_now
) -> Proposal:
    seen = await visible_proposal(uow, cmd.caller, cmd.proposal_id)
    # Read again once held: a recalculation may have settled it meanwhile.
    await uow.hold_employees([seen.nip])
    proposal = await uow.proposals.get(seen.id) or seen
    await require_decider(uow, cmd.caller, proposal, accept=cmd.accept)
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
    uow.publish(proposal_decided(decided, by=cmd.caller.subject, at=now))
    uow.audit(
        "decide_proposal",
        "proposal",
        decided.id,
        agency_code=decided.agency_code,
        before=proposal,
        after=decided,
    )
    return decided
