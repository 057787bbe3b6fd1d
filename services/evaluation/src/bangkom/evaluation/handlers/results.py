"""Assessment results: stored, and published so that gaps follow."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from bangkom.evaluation.domain.competency import InvalidCompetency
from bangkom.evaluation.domain.model import AssessmentResult
from bangkom.evaluation.handlers import commands
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.evaluation.handlers.publish import result_recorded
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import InvalidInput, NotFound

CLOCK_SKEW = timedelta(minutes=5)
EARLIEST = date(1970, 1, 1)


async def record_result(
    cmd: commands.RecordResult, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> AssessmentResult:
    employee = await uow.employees.get(cmd.nip)
    if employee is None or not cmd.caller.may_manage_agency(employee.agency_code):
        raise NotFound(f"employee {cmd.nip} not found")
    if cmd.evaluated_at > clock() + CLOCK_SKEW:
        raise InvalidInput(f"evaluated_at {cmd.evaluated_at.isoformat()} is in the future")
    if cmd.evaluated_at.date() < EARLIEST:
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
    uow.publish(result_recorded(result, employee.agency_code))
    return result
