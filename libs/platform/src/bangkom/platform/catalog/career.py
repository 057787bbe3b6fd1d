"""Events published by the career service (talent management, PermenPANRB 3/2020)."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from bangkom.platform.catalog import topics
from bangkom.platform.catalog.base import Event, Payload, Topic
from bangkom.platform.catalog.types import AwareDatetime, Code, CompetencyCode, Level, NipStr

SOURCE = "/bangkom/career"

SkpPredicate = Literal["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]
PerformanceClass = Literal["di_bawah_ekspektasi", "sesuai_ekspektasi", "di_atas_ekspektasi"]
PotentialClass = Literal["rendah", "menengah", "tinggi"]
Readiness = Literal["siap_sekarang", "siap_1_2_tahun", "belum_siap"]
AlertReason = Literal["too_few_ready", "member_left", "member_dropped_box"]


class PerformanceRated(Event):
    """An employee's yearly SKP rating (PermenPANRB 6/2022), recorded or corrected."""

    TYPE: ClassVar[str] = "id.go.bangkom.career.performance.rated.v1"
    TOPIC: ClassVar[Topic] = topics.RATINGS
    SOURCE: ClassVar[str] = SOURCE

    nip: NipStr
    agency_code: Code
    year: int = Field(ge=2000, le=2100)
    predicate: SkpPredicate
    rated_at: AwareDatetime = Field(description="Business time of the rating")

    @property
    def key(self) -> str:
        return self.nip


class PotentialAssessed(Event):
    """An optional potential-assessment score (0-100) of an employee."""

    TYPE: ClassVar[str] = "id.go.bangkom.career.potential.assessed.v1"
    TOPIC: ClassVar[Topic] = topics.RATINGS
    SOURCE: ClassVar[str] = SOURCE

    nip: NipStr
    agency_code: Code
    score: float = Field(ge=0, le=100)
    assessed_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.nip


class TalentPlacementChanged(Event):
    """An employee's place in the nine-box changed (or they left it: ``box`` None)."""

    TYPE: ClassVar[str] = "id.go.bangkom.career.talent-placement.changed.v1"
    TOPIC: ClassVar[Topic] = topics.TALENT
    SOURCE: ClassVar[str] = SOURCE

    nip: NipStr
    agency_code: Code
    position_code: Code
    performance: PerformanceClass | None = Field(description="None: no SKP rating yet")
    potential: PotentialClass | None = Field(description="None: no competency result yet")
    potential_score: float | None
    box: int | None = Field(ge=1, le=9, description="1-9 (PermenPANRB 3/2020); None: unplaced")
    box_name: str | None
    previous_box: int | None = Field(ge=1, le=9)
    placed_at: AwareDatetime = Field(description="Business time of the latest fact it uses")

    @property
    def key(self) -> str:
        return self.nip


class PoolMember(Payload):
    nip: NipStr
    rank: int = Field(ge=1)
    jpm: float
    readiness: Readiness
    box: int | None = Field(ge=1, le=9)


class SuccessionPoolChanged(Event):
    """The pool of a critical position: its top ready candidates, best first."""

    TYPE: ClassVar[str] = "id.go.bangkom.career.succession-pool.changed.v1"
    TOPIC: ClassVar[Topic] = topics.SUCCESSION
    SOURCE: ClassVar[str] = SOURCE

    position_code: Code
    agency_code: Code
    members: list[PoolMember]
    ready_now: int = Field(ge=0, description="Members ready now (siap sekarang)")
    changed_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.position_code


class SuccessionAlertRaised(Event):
    """A critical position is at risk: fewer than the minimum of successors ready now, or
    a pool member left the pool (moved, left the roster) or dropped a box."""

    TYPE: ClassVar[str] = "id.go.bangkom.career.succession-alert.raised.v1"
    TOPIC: ClassVar[Topic] = topics.SUCCESSION
    SOURCE: ClassVar[str] = SOURCE

    position_code: Code
    agency_code: Code
    reason: AlertReason
    ready_now: int = Field(ge=0)
    minimum_ready: int = Field(ge=1)
    nip: NipStr | None = Field(default=None, description="The member who left or dropped")
    message: str = Field(description="In Bahasa Indonesia")
    raised_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.position_code


class PlanItem(Payload):
    competency_code: CompetencyCode
    course_code: Code
    current_level: Level
    required_level: Level
    jp: int = Field(ge=1)
    score: float
    reasons: list[str]


class DevelopmentPlanApproved(Event):
    """The supervisor approved an IDP: each item is to become an accepted training
    proposal (recommendation) and so an enrolment request (training)."""

    TYPE: ClassVar[str] = "id.go.bangkom.career.development-plan.approved.v1"
    TOPIC: ClassVar[Topic] = topics.DEVELOPMENT_PLANS
    SOURCE: ClassVar[str] = SOURCE

    plan_id: str
    nip: NipStr
    agency_code: Code
    target_position_code: Code
    items: list[PlanItem] = Field(min_length=1)
    approved_by: str
    approved_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.nip
