"""Domain objects as the events the career service publishes (the one place that knows
both shapes)."""

from __future__ import annotations

from datetime import datetime

from bangkom.career.domain.model import DevelopmentPlan
from bangkom.career.domain.ninebox import box_name
from bangkom.career.domain.performance import Rating
from bangkom.career.domain.succession import Alert, Member, ready_now
from bangkom.career.domain.talent import Placement
from bangkom.platform.catalog import (
    DevelopmentPlanApproved,
    PerformanceRated,
    PotentialAssessed,
    SuccessionAlertRaised,
    SuccessionPoolChanged,
    TalentPlacementChanged,
)
from bangkom.platform.catalog.career import PlanItem, PoolMember


def performance_rated(rating: Rating, agency_code: str) -> PerformanceRated:
    return PerformanceRated(
        nip=rating.nip,
        agency_code=agency_code,
        year=rating.year,
        predicate=rating.predicate.value,
        rated_at=rating.rated_at,
    )


def potential_assessed(nip: str, agency_code: str, score: float, at: datetime) -> PotentialAssessed:
    return PotentialAssessed(nip=nip, agency_code=agency_code, score=score, assessed_at=at)


def placement_changed(placement: Placement, previous: Placement | None) -> TalentPlacementChanged:
    return TalentPlacementChanged(
        nip=placement.nip,
        agency_code=placement.agency_code,
        position_code=placement.position_code,
        performance=placement.performance.value if placement.performance else None,
        potential=placement.potential.value if placement.potential else None,
        potential_score=placement.potential_score,
        box=placement.box,
        box_name=box_name(placement.box),
        previous_box=previous.box if previous is not None else None,
        placed_at=placement.placed_at,
    )


def pool_changed(
    position_code: str, agency_code: str, members: list[Member], at: datetime
) -> SuccessionPoolChanged:
    return SuccessionPoolChanged(
        position_code=position_code,
        agency_code=agency_code,
        members=[
            PoolMember(nip=m.nip, rank=m.rank, jpm=m.jpm, readiness=m.readiness.value, box=m.box)
            for m in members
        ],
        ready_now=ready_now(members),
        changed_at=at,
    )


def alert_raised(
    position_code: str,
    agency_code: str,
    alert: Alert,
    members: list[Member],
    minimum_ready: int,
    at: datetime,
) -> SuccessionAlertRaised:
    return SuccessionAlertRaised(
        position_code=position_code,
        agency_code=agency_code,
        reason=alert.reason.value,
        ready_now=ready_now(members),
        minimum_ready=minimum_ready,
        nip=alert.nip,
        message=alert.message,
        raised_at=at,
    )


def plan_approved(plan: DevelopmentPlan) -> DevelopmentPlanApproved:
    assert plan.decided_by is not None
    assert plan.decided_at is not None
    return DevelopmentPlanApproved(
        plan_id=plan.id,
        nip=plan.nip,
        agency_code=plan.agency_code,
        target_position_code=plan.target_position_code,
        items=[
            PlanItem(
                competency_code=i.competency_code,
                course_code=i.course_code,
                current_level=i.current_level,
                required_level=i.required_level,
                jp=i.jp,
                score=i.score,
                reasons=list(i.reasons),
            )
            for i in plan.items
        ],
        approved_by=plan.decided_by,
        approved_at=plan.decided_at,
    )
