"""Assessment results: stored, and published so that gaps follow."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bangkom.evaluation.domain.competency import InvalidCompetency, is_technical
from bangkom.evaluation.domain.model import AssessmentResult
from bangkom.evaluation.handlers import commands
from bangkom.evaluation.handlers.lookups import defined_technical
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.evaluation.handlers.publishing import result_recorded, results_recorded
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import Conflict, InvalidInput, NotFound, ServiceError

CLOCK_SKEW = timedelta(minutes=5)
EARLIEST = date(1970, 1, 1)


def _checked(
    cmd: commands.RecordResult, agency_code: str | None, now: datetime
) -> AssessmentResult:
    """The result a command describes, or the client error that says why not."""
    if agency_code is None or not cmd.caller.may_manage_agency(agency_code):
        raise NotFound(f"pegawai {cmd.nip} tidak ditemukan", field="nip", code="employee_not_found")
    if cmd.evaluated_at > now + CLOCK_SKEW:
        raise InvalidInput(
            f"evaluated_at {cmd.evaluated_at.isoformat()} belum tiba",
            field="evaluated_at",
            code="date_in_future",
        )
    if cmd.evaluated_at.date() < EARLIEST:
        raise InvalidInput(
            f"evaluated_at {cmd.evaluated_at.isoformat()} terlalu lama untuk masuk akal "
            "(sebelum 1970)",
            field="evaluated_at",
            code="date_implausible",
        )
    try:
        return AssessmentResult(
            id=str(uuid.uuid4()),
            nip=cmd.nip,
            competency_code=cmd.competency_code,
            level=cmd.level,
            method=cmd.method,
            evaluated_at=cmd.evaluated_at,
            assessor=cmd.assessor,
            evidence=cmd.evidence,
        )
    except InvalidCompetency as exc:
        raise InvalidInput(str(exc), field="competency_code", code="invalid_competency") from exc


@dataclass(frozen=True)
class Recorded:
    result: AssessmentResult
    new: bool  # False: the same result was recorded before (sent again): nothing changed


async def record_result(
    cmd: commands.RecordResult, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> Recorded:
    """Store and publish a result. The same result sent again (its natural key: NIP,
    competency, method, evaluated_at), e.g. by a client whose answer was lost, is the
    one recorded: nothing changes and nothing is published; with another level it is a
    conflict."""
    agency_code = (await uow.employees.agencies_of([cmd.nip])).get(cmd.nip)
    result = _checked(cmd, agency_code, clock())
    assert agency_code is not None  # _checked refuses an unknown employee
    if is_technical(result.competency_code):
        await defined_technical(uow, result.competency_code, agency_code, field="competency_code")
    uow.publish(result_recorded(result, agency_code))
    uow.audit("record_result", "result", result.id, agency_code=agency_code, after=result)
    if await uow.record_result(result):
        return Recorded(result, new=True)
    recorded = await uow.results.recorded_as(result)
    if recorded is None:  # its key is taken, and deleting results is not a feature
        raise RuntimeError(f"result {result.id}: its natural key is taken by none")
    if recorded.level != result.level:
        raise Conflict(
            f"a {result.method.value} result of {result.nip} for {result.competency_code} "
            f"at {result.evaluated_at.isoformat()} is recorded with level {recorded.level}"
        )
    return Recorded(recorded, new=False)


def audit_results(
    uow: EvaluationUnitOfWork, stored: list[AssessmentResult], agencies: Mapping[str, str]
) -> None:
    """One entry per employee: each is read by the operators of that employee's agency."""
    by_employee: dict[str, list[AssessmentResult]] = {}
    for result in stored:
        by_employee.setdefault(result.nip, []).append(result)
    for nip, recorded in by_employee.items():
        uow.audit(
            "record_results",
            "employee_results",
            nip,
            agency_code=agencies[nip],
            after={"results": recorded},
        )


@dataclass(frozen=True)
class BatchOutcome:
    stored: list[AssessmentResult]
    unchanged: list[int]  # indexes of results already recorded (same natural key)
    refused: dict[int, ServiceError]  # index -> why


async def record_results(
    cmd: commands.RecordResults, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> BatchOutcome:
    """Many results at once: each valid one stored, each invalid one reported by its
    position, and one event per employee so that their gaps are recalculated once."""
    now = clock()
    agencies = await uow.employees.agencies_of(item.nip for item in cmd.results)
    checked: dict[int, AssessmentResult] = {}
    refused: dict[int, ServiceError] = {}
    for index, item in enumerate(cmd.results):
        try:
            agency_code = agencies.get(item.nip)
            checked[index] = _checked(item, agency_code, now)
            if is_technical(item.competency_code) and agency_code is not None:
                await defined_technical(
                    uow, item.competency_code, agency_code, field="competency_code"
                )
        except ServiceError as exc:
            checked.pop(index, None)
            refused[index] = exc
    stored = await uow.results.add_many(list(checked.values()))
    kept = {r.id for r in stored}
    by_employee: dict[str, list[AssessmentResult]] = {}
    for result in stored:
        by_employee.setdefault(result.nip, []).append(result)
    for nip, recorded in by_employee.items():
        uow.publish(results_recorded(nip, agencies[nip], recorded))
    audit_results(uow, stored, agencies)
    return BatchOutcome(
        stored=stored,
        unchanged=[i for i, r in checked.items() if r.id not in kept],
        refused=refused,
    )
