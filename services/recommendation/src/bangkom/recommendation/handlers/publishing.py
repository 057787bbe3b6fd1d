"""Domain objects as the events the recommendation service publishes (the one place
that knows both shapes)."""

from __future__ import annotations

from datetime import datetime

from bangkom.kernel.gaps import Gap
from bangkom.platform.catalog import (
    GapsRecalculated,
    PreparedEvent,
    ProposalCreated,
    ProposalDecided,
    ProposalStatusChanged,
)
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus
from bangkom.recommendation.domain.model import Placement


def gaps_recalculated(
    placement: Placement, standard_version: int, gaps: list[Gap], as_of: datetime
) -> PreparedEvent:
    """GapsRecalculated, written as JSON straight from the gaps just calculated (one per
    employee recalculated: building it through its models cost more than the rest)."""
    return PreparedEvent.of_values(
        GapsRecalculated,
        placement.nip,
        {
            "nip": placement.nip,
            "agency_code": placement.agency_code,
            "position_code": placement.position_code,
            "standard_version": standard_version,
            "gaps": [
                {
                    "competency_code": g.competency_code,
                    "required_level": g.required_level,
                    "current_level": g.current_level,
                    "gap": g.size,
                    "status": g.status.value,
                }
                for g in gaps
            ],
            "calculated_at": as_of,
        },
    )


def proposal_created(proposal: Proposal) -> PreparedEvent:
    """ProposalCreated, written as JSON like gaps_recalculated."""
    return PreparedEvent.of_values(
        ProposalCreated,
        proposal.nip,
        {
            "proposal_id": proposal.id,
            "nip": proposal.nip,
            "agency_code": proposal.agency_code,
            "competency_code": proposal.competency_code,
            "course_code": proposal.course_code,
            "current_level": proposal.current_level,
            "required_level": proposal.required_level,
            "score": proposal.score,
            "reasons": list(proposal.reasons),
            "created_at": proposal.created_at,
            "plan_id": proposal.plan_id,
        },
    )


def proposal_decided(proposal: Proposal, *, by: str, at: datetime) -> ProposalDecided:
    return ProposalDecided(
        proposal_id=proposal.id,
        nip=proposal.nip,
        agency_code=proposal.agency_code,
        competency_code=proposal.competency_code,
        course_code=proposal.course_code,
        decision="accepted" if proposal.status is ProposalStatus.ACCEPTED else "rejected",
        reason=proposal.status_reason,
        decided_by=by,
        decided_at=at,
    )


def proposal_status_changed(proposal: Proposal) -> ProposalStatusChanged:
    """A proposal that moved on by itself (enrolled, fulfilled, expired, ...)."""
    return ProposalStatusChanged(
        proposal_id=proposal.id,
        nip=proposal.nip,
        agency_code=proposal.agency_code,
        course_code=proposal.course_code,
        status=proposal.status.value,
        reason=proposal.status_reason,
        changed_at=proposal.updated_at,
    )
