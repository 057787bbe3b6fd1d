"""Bodies of proposals and decisions on them."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bangkom.platform.catalog.types import FreeText
from bangkom.platform.web.paging import Page
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus


class ProposalPublic(BaseModel):
    id: str
    nip: str
    agency_code: str
    competency_code: str
    course_code: str
    current_level: int
    required_level: int
    jp: int
    score: float = Field(description="Ranking score (see the service's documentation)")
    reasons: list[str] = Field(description="Why, in Bahasa Indonesia")
    status: ProposalStatus
    status_reason: str | None
    decided_by: str | None
    created_at: datetime
    updated_at: datetime
    self_acceptable: bool = Field(
        description="The caller is this employee and may accept it themself (an open "
        "proposal of a free, self-paced course); operators and supervisors decide any"
    )

    @classmethod
    def of(cls, proposal: Proposal, *, self_acceptable: bool) -> ProposalPublic:
        return cls(
            **{**proposal.__dict__, "reasons": list(proposal.reasons)},
            self_acceptable=self_acceptable,
        )

    @classmethod
    def each_of(
        cls, proposals: list[Proposal], self_acceptable: frozenset[str]
    ) -> list[ProposalPublic]:
        return [cls.of(p, self_acceptable=p.id in self_acceptable) for p in proposals]


class DecisionCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"decision": "accepted"},
                {"decision": "rejected", "reason": "Sudah dijadwalkan diklat serupa tahun depan"},
            ]
        }
    )

    decision: Literal["accepted", "rejected"]
    reason: FreeText | None = Field(default=None, max_length=1000, description="Required to reject")


ProposalsPublic = Page[ProposalPublic]
