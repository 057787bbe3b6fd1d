"""Events published by the recommendation service."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from bangkom.platform.catalog import topics
from bangkom.platform.catalog.base import Event, Payload, Topic
from bangkom.platform.catalog.types import AwareDatetime, Code, CompetencyCode, Level, NipStr

SOURCE = "/bangkom/recommendation"

GapStatus = Literal["open", "met", "unknown"]


class Gap(Payload):
    competency_code: CompetencyCode
    required_level: Level
    current_level: Level | None = Field(description="None: never assessed")
    gap: int | None = Field(description="required - current; None when unknown")
    status: GapStatus


class GapsRecalculated(Event):
    """All gaps of one employee against the standard of their current position."""

    TYPE: ClassVar[str] = "id.go.bangkom.recommendation.gaps.recalculated.v1"
    TOPIC: ClassVar[Topic] = topics.GAPS
    SOURCE: ClassVar[str] = SOURCE

    nip: NipStr
    agency_code: Code
    position_code: Code
    standard_version: int
    gaps: list[Gap]
    calculated_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.nip


class ProposalCreated(Event):
    """A course proposed to close one gap, with its reasons in Bahasa Indonesia."""

    TYPE: ClassVar[str] = "id.go.bangkom.recommendation.proposal.created.v1"
    TOPIC: ClassVar[Topic] = topics.PROPOSALS
    SOURCE: ClassVar[str] = SOURCE

    proposal_id: str
    nip: NipStr
    agency_code: Code
    competency_code: CompetencyCode
    course_code: Code
    current_level: Level | None
    required_level: Level
    score: float
    reasons: list[str]
    created_at: AwareDatetime
    plan_id: str | None = Field(
        default=None, description="Set when it came from an approved development plan (career)"
    )

    @property
    def key(self) -> str:
        return self.nip


ProposalDecision = Literal["accepted", "rejected"]
ProposalStatus = Literal["proposed", "accepted", "rejected", "enrolled", "fulfilled", "expired"]


class ProposalDecided(Event):
    """An operator or supervisor accepted (to be enrolled) or rejected a proposal, or the
    employee accepted their own (a free, self-paced course)."""

    TYPE: ClassVar[str] = "id.go.bangkom.recommendation.proposal.decided.v1"
    TOPIC: ClassVar[Topic] = topics.PROPOSALS
    SOURCE: ClassVar[str] = SOURCE

    proposal_id: str
    nip: NipStr
    agency_code: Code
    competency_code: CompetencyCode
    course_code: Code
    decision: ProposalDecision
    reason: str | None = None
    decided_by: str
    decided_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.nip


class ProposalStatusChanged(Event):
    """A proposal moved on without a decision: enrolled, fulfilled or expired."""

    TYPE: ClassVar[str] = "id.go.bangkom.recommendation.proposal.status-changed.v1"
    TOPIC: ClassVar[Topic] = topics.PROPOSALS
    SOURCE: ClassVar[str] = SOURCE

    proposal_id: str
    nip: NipStr
    agency_code: Code
    course_code: Code
    status: ProposalStatus
    reason: str | None = None
    changed_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.nip
