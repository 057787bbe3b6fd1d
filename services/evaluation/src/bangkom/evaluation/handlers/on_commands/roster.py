"""The roster: employees with a valid NIP, in an agency, on a position."""

from __future__ import annotations

from datetime import datetime

from bangkom.evaluation.domain.model import Employee
from bangkom.evaluation.handlers import commands
from bangkom.evaluation.handlers.access import require_manager
from bangkom.evaluation.handlers.lookups import active_agency
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.evaluation.handlers.publishing import employee_updated
from bangkom.kernel.agencies import covers
from bangkom.kernel.nip import InvalidNip, Nip, parse_nip
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import InvalidInput


async def register_employee(
    cmd: commands.RegisterEmployee, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> Employee:
    now = clock()
    nip = _parsed(cmd.nip, "nip", now)
    supervisor = _parsed(cmd.supervisor_nip, "supervisor_nip", now) if cmd.supervisor_nip else None
    if supervisor is not None and supervisor.value == nip.value:
        raise InvalidInput(
            f"pegawai {nip.value} tidak dapat menjadi atasan dirinya sendiri",
            field="supervisor_nip",
            code="own_supervisor",
        )
    require_manager(cmd.caller, cmd.agency_code, field="agency_code")
    existing = await uow.employees.get(nip.value)
    if existing is not None:
        require_manager(
            cmd.caller,
            existing.agency_code,
            f"pegawai {nip.value} terdaftar di instansi lain",
            field="nip",
        )
    await active_agency(uow, cmd.agency_code)
    position = await uow.positions.get(cmd.position_code)
    if position is None or not covers(position.agency_code, cmd.agency_code):
        raise InvalidInput(
            f"jabatan {cmd.position_code} tidak ada di instansi {cmd.agency_code} "
            "atau instansi di atasnya",
            field="position_code",
            code="position_unknown",
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


def _parsed(raw: str, field: str, now: datetime) -> Nip:
    try:
        return parse_nip(raw, today=now.date())
    except InvalidNip as exc:
        raise InvalidInput(str(exc), field=field) from exc
