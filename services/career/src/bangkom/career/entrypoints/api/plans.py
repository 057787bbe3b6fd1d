"""Development plans (IDP) toward a target position."""

from __future__ import annotations

from bangkom.career.entrypoints.api.deps import BusDep
from bangkom.career.entrypoints.api.schemas.plans import PlanCreate, PlanDecision, PlanPublic
from bangkom.career.handlers import commands, queries
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.errors import error_responses
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter

router = ServiceRouter(tags=["development plans"])


@router.post(
    "/development-plans",
    status_code=201,
    summary="Draft a development plan toward a target position (courses within a JP budget)",
    responses=error_responses(404),
)
async def create_plan(body: PlanCreate, caller: CallerDep, bus: BusDep) -> PlanPublic:
    plan = await bus.handle(
        commands.CreatePlan(caller, body.nip, body.target_position_code, body.jp_budget)
    )
    return PlanPublic.of(plan)


@router.get("/development-plans/{plan_id}", summary="One development plan")
async def get_plan(plan_id: str, caller: CallerDep, bus: BusDep) -> PlanPublic:
    async with bus.uow_factory() as uow:
        return PlanPublic.of(await queries.development_plan(uow, caller, plan_id))


@router.post(
    "/development-plans/{plan_id}/decision",
    summary="The supervisor approves (its courses become training proposals) or rejects",
    responses={409: {"description": "The plan was decided already"}},
)
async def decide_plan(
    plan_id: str, body: PlanDecision, caller: CallerDep, bus: BusDep
) -> PlanPublic:
    decided = await bus.handle(
        commands.DecidePlan(caller, plan_id, body.decision == "approved", body.note)
    )
    return PlanPublic.of(decided)


@router.get("/employees/{nip}/development-plans", summary="An employee's development plans")
async def employee_plans(
    nip: str, caller: CallerDep, bus: BusDep, paging: PagingDep
) -> Page[PlanPublic]:
    async with bus.uow_factory() as uow:
        found = await queries.development_plans(uow, caller, nip)
    return Page[PlanPublic].sliced([PlanPublic.of(p) for p in found], paging)
