"""Development plans (IDP): drafted toward a target position, decided by the supervisor;
an approved plan is published, and recommendation turns its items into accepted
training proposals (which training enrols)."""

from __future__ import annotations

import uuid

from bangkom.career.domain.model import DevelopmentPlan, PlanStateError, PlanStatus
from bangkom.career.domain.plans import draft_plan
from bangkom.career.handlers import commands
from bangkom.career.handlers.access import planning_for, require_supervisor, visible_plan
from bangkom.career.handlers.policy import DEFAULT_POLICY, Policy
from bangkom.career.handlers.ports import CareerUnitOfWork
from bangkom.career.handlers.publishing import plan_approved
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import Conflict, InvalidInput, NotFound


async def create_plan(
    cmd: commands.CreatePlan,
    uow: CareerUnitOfWork,
    policy: Policy = DEFAULT_POLICY,
    clock: Clock = utc_now,
) -> DevelopmentPlan:
    employee = await planning_for(uow, cmd.caller, cmd.nip)
    target = await uow.positions.get(cmd.target_position_code)
    if target is None:
        raise NotFound(
            f"position {cmd.target_position_code} not found", field="target_position_code"
        )
    budget = cmd.jp_budget or policy.plan_jp_budget
    if not 1 <= budget <= 1000:
        raise InvalidInput(f"jp_budget {budget} is not 1-1000", field="jp_budget")
    requirements = target.requirements
    draft = draft_plan(
        requirements,
        await uow.levels.current(cmd.nip),
        await uow.courses.developing(requirements),
        completed_courses=await uow.completions.of_person(cmd.nip),
        jp_budget=budget,
    )
    plan = DevelopmentPlan(
        id=str(uuid.uuid4()),
        nip=cmd.nip,
        agency_code=employee.agency_code,
        target_position_code=target.code,
        jp_budget=budget,
        items=draft.items,
        unknown_competencies=draft.unknown_competencies,
        status=PlanStatus.DRAFT,
        created_by=cmd.caller.subject,
        created_at=clock(),
    )
    await uow.plans.add(plan)
    uow.audit("create_plan", "development_plan", plan.id, agency_code=plan.agency_code, after=plan)
    return plan


async def decide_plan(
    cmd: commands.DecidePlan, uow: CareerUnitOfWork, clock: Clock = utc_now
) -> DevelopmentPlan:
    plan = await visible_plan(uow, cmd.caller, cmd.plan_id)
    await require_supervisor(uow, cmd.caller, plan)
    if not cmd.approve and not (cmd.note and cmd.note.strip()):
        raise InvalidInput("a rejection needs a note", field="note")
    try:
        decided = plan.decide(approve=cmd.approve, by=cmd.caller.subject, at=clock(), note=cmd.note)
    except PlanStateError as exc:
        raise Conflict(str(exc)) from exc
    await uow.plans.save(decided)
    if decided.status is PlanStatus.APPROVED:
        uow.publish(plan_approved(decided))
    uow.audit(
        "decide_plan",
        "development_plan",
        plan.id,
        agency_code=plan.agency_code,
        before=plan,
        after=decided,
    )
    return decided
