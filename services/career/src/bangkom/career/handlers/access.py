"""Who may see and change what in the career service.

- Ratings, assessments, an agency's policy, critical positions: the operators of the
  agency (and above it) and province admins.
- Candidates and readiness: operators see candidates of their agencies only; province
  admins see across agencies; an employee sees no one's.
- A nine-box placement: the operators of the employee's agency; the employee their own
  box only if their agency allows it (its policy).
- A development plan: drafted by the employee's operators, the employee or their
  supervisor; approved or rejected by the supervisor (from the roster) only.
Out of scope looks the same as absent (404).
"""

from __future__ import annotations

from bangkom.career.domain.model import DevelopmentPlan, Employee
from bangkom.career.handlers.ports import CareerUnitOfWork, Scope
from bangkom.platform.auth import Caller
from bangkom.platform.errors import AccessDenied, NotFound


async def managed_employee(uow: CareerUnitOfWork, caller: Caller, nip: str) -> Employee:
    employee = await uow.employees.get(nip)
    if employee is None or not caller.may_manage_agency(employee.agency_code):
        raise NotFound(f"employee {nip} not found", field="nip")
    return employee


def supervises(caller: Caller, employee: Employee) -> bool:
    return caller.nip is not None and employee.supervisor_nip == caller.nip


async def planning_for(uow: CareerUnitOfWork, caller: Caller, nip: str) -> Employee:
    employee = await uow.employees.get(nip)
    if employee is None or not (
        caller.may_read_employee(nip, employee.agency_code) or supervises(caller, employee)
    ):
        raise NotFound(f"employee {nip} not found", field="nip")
    return employee


async def visible_plan(uow: CareerUnitOfWork, caller: Caller, plan_id: str) -> DevelopmentPlan:
    plan = await uow.plans.get(plan_id)
    if plan is not None:
        employee = await uow.employees.get(plan.nip)
        if caller.may_read_employee(plan.nip, plan.agency_code) or (
            employee is not None and supervises(caller, employee)
        ):
            return plan
    raise NotFound(f"development plan {plan_id} not found")


async def require_supervisor(uow: CareerUnitOfWork, caller: Caller, plan: DevelopmentPlan) -> None:
    employee = await uow.employees.get(plan.nip)
    if employee is None or not supervises(caller, employee):
        raise AccessDenied("only the employee's supervisor (atasan langsung) decides the plan")


def candidate_scope(caller: Caller) -> Scope:
    scope = caller.agency_scope()
    if scope == frozenset():
        raise AccessDenied("candidates are for agency operators and province administrators")
    return scope


def require_manager(caller: Caller, agency_code: str, what: str) -> None:
    if not caller.may_manage_agency(agency_code):
        raise NotFound(f"{what} not found")


async def may_see_box(uow: CareerUnitOfWork, caller: Caller, employee: Employee) -> bool:
    if caller.may_manage_agency(employee.agency_code):
        return True
    if caller.nip != employee.nip:
        return False
    policy = await uow.policies.get(employee.agency_code)
    return policy is not None and policy.employees_see_own_box
