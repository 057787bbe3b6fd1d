"""Nine-box placements and an agency's talent policy."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from bangkom.career.domain.ninebox import box_name
from bangkom.career.domain.performance import PerformanceClass
from bangkom.career.domain.potential import PotentialClass
from bangkom.career.domain.talent import AgencyPolicy, Placement
from bangkom.kernel.jpm import CUKUP_OPTIMAL_FROM, OPTIMAL_FROM


class PlacementPublic(BaseModel):
    nip: str
    agency_code: str
    position_code: str
    performance: PerformanceClass | None = Field(description="None: no SKP rating yet")
    potential: PotentialClass | None = Field(description="None: nothing measured yet")
    potential_score: float | None
    box: int | None = Field(description="1-9 as PermenPANRB 3/2020 numbers them; None: unplaced")
    box_name: str | None
    placed_at: datetime

    @classmethod
    def of(cls, placement: Placement) -> PlacementPublic:
        return cls(**placement.__dict__, box_name=box_name(placement.box))


class BoxCount(BaseModel):
    box: int | None
    box_name: str | None
    employees: int


class NineBoxSummary(BaseModel):
    boxes: list[BoxCount] = Field(description="Box 9 first; the unplaced (box None) last")
    employees: int = Field(description="Employees counted, placed or not")
    talent_pool: int = Field(description="Employees in boxes 7, 8 and 9")


class PolicyBody(BaseModel):
    target_step: int = Field(default=1, ge=0, le=4, description="Levels above the own standard")
    assessment_weight: float = Field(default=0.5, ge=0, le=1)
    high_from: float = Field(default=85.0, ge=0, le=100, description="Potential tinggi from")
    medium_from: float = Field(default=70.0, ge=0, le=100, description="Potential menengah from")
    ready_now_from: float = Field(
        default=OPTIMAL_FROM,
        ge=0,
        le=100,
        description="JPM from which a candidate is siap sekarang",
    )
    ready_soon_from: float = Field(
        default=CUKUP_OPTIMAL_FROM,
        ge=0,
        le=100,
        description="JPM from which a candidate is siap 1-2 tahun",
    )
    employees_see_own_box: bool = Field(default=False)


class PolicyPublic(PolicyBody):
    agency_code: str

    @classmethod
    def of(cls, policy: AgencyPolicy) -> PolicyPublic:
        rule = policy.potential_rule
        return cls(
            agency_code=policy.agency_code,
            target_step=rule.target_step,
            assessment_weight=rule.assessment_weight,
            high_from=rule.high_from,
            medium_from=rule.medium_from,
            ready_now_from=policy.readiness_rule.ready_now_from,
            ready_soon_from=policy.readiness_rule.ready_soon_from,
            employees_see_own_box=policy.employees_see_own_box,
        )
