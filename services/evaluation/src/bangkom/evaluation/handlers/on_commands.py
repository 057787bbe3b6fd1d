"""Command handlers: check scope, change the domain, publish what changed."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from bangkom.evaluation.domain.competency import InvalidCompetency, competency_name
from bangkom.evaluation.domain.model import AssessmentResult, Employee, Position
from bangkom.evaluation.domain.nip import InvalidNip, parse_nip
from bangkom.evaluation.handlers import commands
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.platform.auth import Caller
from bangkom.platform.catalog import EmployeeUpdated, ResultRecorded, StandardPublished
from bangkom.platform.catalog.evaluation import StandardLevel
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import AccessDenied, Conflict, InvalidInput, NotFound

CLOCK_SKEW = timedelta(minutes=5)


def _require_agency(caller: Caller, agency_code: str) -> None:
    if not caller.may_manage_agency(agency_code):
        raise AccessDenied(f"you do not manage agency {agency_code}")


async def define_position(
    cmd: commands.DefinePosition, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> Position:
    _require_agency(cmd.caller, cmd.agency_code)
    position = await uow.positions.get(cmd.code)
    if position is not None and position.agency_code != cmd.agency_code:
        if not cmd.caller.may_manage_agency(position.agency_code):
            raise AccessDenied(f"position {cmd.code} belongs to another agency")
        raise Conflict(f"position {cmd.code} belongs to agency {position.agency_code}")
    if position is None:
        position = Position(code=cmd.code, name=cmd.name, agency_code=cmd.agency_code)
    position.name = cmd.name
    try:
        changed = position.set_standard(cmd.standard)
    except InvalidCompetency as exc:
        raise InvalidInput(str(exc)) from exc
    await uow.positions.save(position)
    if changed:
        uow.publish(
            StandardPublished(
                position_code=position.code,
                position_name=position.name,
                agency_code=position.agency_code,
                version=position.standard_version,
                levels=[
                    StandardLevel(
                        competency_code=c, competency_name=competency_name(c), required_level=lvl
                    )
                    for c, lvl in sorted(position.standard.items())
                ],
                published_at=clock(),
            )
        )
    return position


async def register_employee(
    cmd: commands.RegisterEmployee, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> Employee:
    now = clock()
    try:
        nip = parse_nip(cmd.nip, today=now.date())
    except InvalidNip as exc:
        raise InvalidInput(str(exc)) from exc
    _require_agency(cmd.caller, cmd.agency_code)
    existing = await uow.employees.get(nip.value)
    if existing is not None and not cmd.caller.may_manage_agency(existing.agency_code):
        raise AccessDenied(f"employee {nip.value} belongs to another agency")
    position = await uow.positions.get(cmd.position_code)
    if position is None or position.agency_code != cmd.agency_code:
        raise InvalidInput(
            f"position {cmd.position_code} does not exist in agency {cmd.agency_code}"
        )
    employee = Employee(
        nip=nip.value,
        name=cmd.name,
        employment_type=nip.employment_type,
        agency_code=cmd.agency_code,
        position_code=cmd.position_code,
        active=cmd.active,
        changed_at=now,
    )
    if existing is not None and not employee.differs_from(existing):
        return existing
    await uow.employees.save(employee)
    uow.publish(
        EmployeeUpdated(
            nip=employee.nip,
            name=employee.name,
            employment_type=employee.employment_type.value,
            agency_code=employee.agency_code,
            position_code=employee.position_code,
            active=employee.active,
            changed_at=employee.changed_at,
        )
    )
    return employee


async def record_result(
    cmd: commands.RecordResult, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> AssessmentResult:
    employee = await uow.employees.get(cmd.nip)
    if employee is None or not cmd.caller.may_read_employee(employee.nip, employee.agency_code):
        raise NotFound(f"employee {cmd.nip} not found")
    _require_agency(cmd.caller, employee.agency_code)
    if cmd.evaluated_at > clock() + CLOCK_SKEW:
        raise InvalidInput(f"evaluated_at {cmd.evaluated_at.isoformat()} is in the future")
    if cmd.evaluated_at.date() < date(1970, 1, 1):
        raise InvalidInput(f"evaluated_at {cmd.evaluated_at.isoformat()} is implausibly old")
    try:
        result = AssessmentResult(
            id=str(uuid.uuid4()),
            nip=employee.nip,
            competency_code=cmd.competency_code,
            level=cmd.level,
            method=cmd.method,
            evaluated_at=cmd.evaluated_at,
            assessor=cmd.assessor,
            evidence=cmd.evidence,
        )
    except InvalidCompetency as exc:
        raise InvalidInput(str(exc)) from exc
    await uow.results.add(result)
    uow.publish(
        ResultRecorded(
            result_id=result.id,
            nip=result.nip,
            agency_code=employee.agency_code,
            competency_code=result.competency_code,
            level=result.level,
            method=result.method.value,
            evaluated_at=result.evaluated_at,
            period=result.period,
            method_rank=result.method_rank,
        )
    )
    return result
