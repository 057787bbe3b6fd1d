"""Response bodies of the recommendation API."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bangkom.platform.web.paging import Page
from bangkom.recommendation.domain.gaps import Gap, GapStatus
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus


class GapPublic(BaseModel):
    competency_code: str
    competency_name: str
    required_level: int
    current_level: int | None = Field(description="None: never assessed")
    gap: int | None = Field(description="required - current; None when unknown")
    status: GapStatus

    @classmethod
    def of(cls, gap: Gap) -> GapPublic:
        return cls(
            competency_code=gap.competency_code,
            competency_name=gap.competency_name,
            required_level=gap.required_level,
            current_level=gap.current_level,
            gap=gap.size,
            status=gap.status,
        )


class EmployeeGapsPublic(BaseModel):
    nip: str
    agency_code: str
    position_code: str
    standard_version: int | None
    gaps: list[GapPublic]


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

    @classmethod
    def of(cls, proposal: Proposal) -> ProposalPublic:
        return cls(**{**proposal.__dict__, "reasons": list(proposal.reasons)})


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
    reason: str | None = Field(default=None, max_length=1000, description="Required to reject")


ProposalsPublic = Page[ProposalPublic]
