"""Development plans (IDP) and the supervisor's decision."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from bangkom.career.domain.model import DevelopmentPlan, PlanItem, PlanStatus
from bangkom.platform.catalog.types import Code, FreeText, NipStr


class PlanCreate(BaseModel):
    nip: NipStr
    target_position_code: Code
    jp_budget: int | None = Field(default=None, ge=1, le=1000, description="JP the plan may take")


class PlanItemPublic(BaseModel):
    competency_code: str
    competency_name: str
    course_code: str
    course_title: str
    current_level: int
    required_level: int
    jp: int
    score: float
    reasons: list[str]
    proposal_id: str | None = Field(description="The training proposal it became, once approved")
    proposal_status: str | None

    @classmethod
    def of(cls, item: PlanItem) -> PlanItemPublic:
        return cls(**{**item.__dict__, "reasons": list(item.reasons)})


class PlanPublic(BaseModel):
    id: str
    nip: str
    agency_code: str
    target_position_code: str
    jp_budget: int
    jp: int
    items: list[PlanItemPublic]
    unknown_competencies: list[str] = Field(description="To be assessed first")
    status: PlanStatus
    created_by: str
    created_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    note: str | None

    @classmethod
    def of(cls, plan: DevelopmentPlan) -> PlanPublic:
        return cls(
            **{
                **plan.__dict__,
                "items": [PlanItemPublic.of(i) for i in plan.items],
                "unknown_competencies": list(plan.unknown_competencies),
                "jp": plan.jp,
            }
        )


class PlanDecision(BaseModel):
    decision: Literal["approved", "rejected"]
    note: FreeText | None = Field(default=None, max_length=1000, description="Required to reject")
