"""Critical positions and their succession pools."""

from __future__ import annotations

from pydantic import BaseModel, Field

from bangkom.career.domain.model import SuccessionPlan
from bangkom.career.domain.readiness import Readiness
from bangkom.career.domain.succession import Member


class CriticalBody(BaseModel):
    pool_size: int = Field(default=5, ge=1, le=50, description="Members the pool keeps")
    minimum_ready: int = Field(default=2, ge=1, le=50, description="Ready-now successors wanted")


class CriticalPublic(BaseModel):
    position_code: str
    agency_code: str
    pool_size: int
    minimum_ready: int
    short: bool = Field(description="Fewer than minimum_ready members are ready now")

    @classmethod
    def of(cls, plan: SuccessionPlan) -> CriticalPublic:
        return cls(**plan.__dict__)


class MemberPublic(BaseModel):
    rank: int
    nip: str
    jpm: float
    readiness: Readiness
    box: int | None

    @classmethod
    def of(cls, member: Member) -> MemberPublic:
        return cls(**member.__dict__)


class PoolPublic(BaseModel):
    position: CriticalPublic
    members: list[MemberPublic]
