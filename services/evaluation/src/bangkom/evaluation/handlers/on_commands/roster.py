"""The roster: employees with a valid NIP, in an agency, on a position."""

from __future__ import annotations

from bangkom.evaluation.domain.model import Employee
from bangkom.evaluation.handlers import commands
from bangkom.evaluation.handlers.access import require_manager
from bangkom.evaluation.handlers.lookups import active_agency
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.evaluation.handlers.publishing import employee_updated
from bangkom.kernel.agencies import covers
from bangkom.kernel.nip import InvalidNip, parse_nip
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import InvalidInput


async def register_employee(
    cmd: commands.RegisterEmployee, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> Employee:
    now = clock()
    try:
        nip = parse_nip(cmd.nip, today=now.date())
        supervisor = parse_nip(cmd.supervisor_nip, today=now.date()) if cmd.supervisor_nip else None
    except InvalidNip as exc:
        raise InvalidInput(str(exc)) from exc
    if supervisor is not None and supervisor.value == nip.value:
        raise InvalidInput(f"employee {nip.value} cannot be their own supervisor")
    require_manager(cmd.caller, cmd.agency_code)
    existing = await uow.employees.get(nip.value)
    if existing is not None:
        require_manager(
            cmd.caller, existing.agency_code, f"employee {nip.value} belongs to another agency"
        )
    await active_agency(uow, cmd.agency_code)
    position = await uow.positions.get(cmd.position_code)
    if position is None or not covers(position.agency_code, cmd.agency_code):
        raise InvalidInput(
            f"position {cmd.position_code} does not exist in agency {cmd.agency_code} or above it"
        )
    employee = Employee(
        nip=nip.value,
        name=cmd.name,
        employment_type=nip.employment_type,
        agency_code=cmd.agency_code,
        position_code=cmd.position_code,
        active=cmd.active,
        changed_at=now,
        supervisor_nip=supervisor.value if supervisor else None,
    )
    if existing is not None and not employee.differs_from(existing):
        return existing
    await uow.employees.save(employee)
    uow.publish(employee_updated(employee))
    uow.audit(
        "register_employee",
        "employee",
        employee.nip,
        agency_code=employee.agency_code,
        before=existing,
        after=employee,
    )
    return employee
