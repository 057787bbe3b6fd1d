"""Reads of the career service, each filtered by the caller's scope (out of scope looks
like absent)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bangkom.career.domain.model import DevelopmentPlan, Employee, Position, SuccessionPlan
from bangkom.career.domain.performance import Rating
from bangkom.career.domain.plans import PlanDraft, draft_plan
from bangkom.career.domain.readiness import Candidate, Readiness, readiness
from bangkom.career.domain.succession import Member
from bangkom.career.domain.talent import AgencyPolicy, Placement
from bangkom.career.handlers.access import (
    candidate_scope,
    managed_employee,
    may_see_box,
    planning_for,
    require_manager,
    visible_plan,
)
from bangkom.career.handlers.policy import DEFAULT_POLICY, Policy
from bangkom.career.handlers.ports import CareerUnitOfWork
from bangkom.career.handlers.ranking import NoCandidateRule, rank_candidates, readiness_rule
from bangkom.kernel.agencies import covers
from bangkom.kernel.calendar import WIB
from bangkom.kernel.gaps import Gap, calculate_gaps
from bangkom.kernel.jpm import Match, match
from bangkom.platform.auth import Caller
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import InvalidInput, NotFound


async def _position(uow: CareerUnitOfWork, code: str) -> Position:
    position = await uow.positions.get(code)
    if position is None:
        raise NotFound(f"position {code} not found", field="position_code")
    return position


@dataclass(frozen=True)
class ReadinessView:
    employee: Employee
    target: Position
    match: Match
    readiness: Readiness
    gaps: list[Gap]
    plan: PlanDraft
    box: int | None


async def employee_readiness(
    uow: CareerUnitOfWork,
    caller: Caller,
    nip: str,
    position_code: str,
    policy: Policy = DEFAULT_POLICY,
) -> ReadinessView:
    """One employee against a target position: JPM, readiness, the gaps (unknown apart)
    and the courses that would close them within the plan budget."""
    employee = await managed_employee(uow, caller, nip)
    target = await _position(uow, position_code)
    levels = await uow.levels.current(nip)
    found = match(target.standard, levels)
    placement = await uow.placements.current(nip)
    return ReadinessView(
        employee=employee,
        target=target,
        match=found,
        readiness=readiness(found, await readiness_rule(uow, target, policy)),
        gaps=calculate_gaps(target.requirements, levels),
        plan=draft_plan(
            target.requirements,
            levels,
            await uow.courses.developing(target.requirements),
            completed_courses=await uow.completions.of_person(nip),
            jp_budget=policy.plan_jp_budget,
        ),
        box=placement.box if placement is not None else None,
    )


async def candidates(
    uow: CareerUnitOfWork,
    caller: Caller,
    position_code: str,
    *,
    readiness_in: frozenset[Readiness] | None = None,
    policy: Policy = DEFAULT_POLICY,
    clock: Clock = utc_now,
) -> tuple[Position, list[Candidate]]:
    """Every candidate in the caller's agencies for the position, ranked."""
    scope = candidate_scope(caller)
    target = await _position(uow, position_code)
    try:
        ranked = await rank_candidates(uow, target, scope, policy, clock())
    except NoCandidateRule as exc:
        raise InvalidInput(str(exc), field="position_code") from exc
    if readiness_in is not None:
        ranked = [c for c in ranked if c.readiness in readiness_in]
    return target, ranked


def end_of_day(day: date) -> datetime:
    """The last moment of ``day`` in WIB."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=WIB) - timedelta(microseconds=1)


async def placement(
    uow: CareerUnitOfWork, caller: Caller, nip: str, on: date | None = None
) -> Placement:
    employee = await uow.employees.get(nip)
    if employee is None or not await may_see_box(uow, caller, employee):
        raise NotFound(f"employee {nip} not found", field="nip")
    found = (
        await uow.placements.current(nip)
        if on is None
        else await uow.placements.on(nip, end_of_day(on))
    )
    if found is None:
        raise NotFound(f"employee {nip} has no nine-box placement{f' on {on}' if on else ''}")
    return found


async def nine_box(
    uow: CareerUnitOfWork,
    caller: Caller,
    *,
    agency_code: str | None,
    box: int | None,
    limit: int,
    offset: int,
) -> list[Placement]:
    return await uow.placements.listed(
        candidate_scope(caller), agency_code=agency_code, box=box, limit=limit, offset=offset
    )


async def nine_box_counts(
    uow: CareerUnitOfWork, caller: Caller, agency_code: str | None
) -> dict[int | None, int]:
    return await uow.placements.counts(candidate_scope(caller), agency_code)


async def ratings(uow: CareerUnitOfWork, caller: Caller, nip: str) -> list[Rating]:
    await managed_employee(uow, caller, nip)
    return await uow.ratings.of_employee(nip)


async def agency_policy(
    uow: CareerUnitOfWork, caller: Caller, agency_code: str, policy: Policy = DEFAULT_POLICY
) -> AgencyPolicy:
    require_manager(caller, agency_code, f"agency {agency_code}")
    return await uow.policies.get(agency_code) or AgencyPolicy(
        agency_code, policy.potential, policy.readiness
    )


async def critical_positions(uow: CareerUnitOfWork, caller: Caller) -> list[SuccessionPlan]:
    return await uow.succession.listed(candidate_scope(caller))


async def pool(
    uow: CareerUnitOfWork, caller: Caller, position_code: str
) -> tuple[SuccessionPlan, list[Member]]:
    scope = candidate_scope(caller)
    plan = await uow.succession.get(position_code)
    if plan is None or not (scope is None or any(covers(root, plan.agency_code) for root in scope)):
        raise NotFound(f"critical position {position_code} not found")
    return plan, await uow.succession.members(position_code)


async def development_plan(uow: CareerUnitOfWork, caller: Caller, plan_id: str) -> DevelopmentPlan:
    return await visible_plan(uow, caller, plan_id)


async def development_plans(
    uow: CareerUnitOfWork, caller: Caller, nip: str
) -> list[DevelopmentPlan]:
    await planning_for(uow, caller, nip)
    return await uow.plans.of_person(nip)
