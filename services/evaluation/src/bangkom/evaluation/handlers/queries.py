"""Reads, filtered by the caller's scope: out of scope looks the same as absent."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from bangkom.evaluation.domain.agency import Agency
from bangkom.evaluation.domain.case_import import FrameworkDraft
from bangkom.evaluation.domain.framework import Framework, TechnicalDefinition
from bangkom.evaluation.domain.import_job import ImportJob
from bangkom.evaluation.domain.imports import ImportStatus
from bangkom.evaluation.domain.model import AssessmentResult, Employee, Position, current_results
from bangkom.evaluation.domain.roster_search import RosterSearch
from bangkom.evaluation.domain.training_evaluation import EvaluationStatus, TrainingEvaluation
from bangkom.evaluation.handlers.access import require_admin
from bangkom.evaluation.handlers.lookups import current_framework
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.kernel.jpm import Match, match
from bangkom.platform.auth import Caller
from bangkom.platform.errors import NotFound


async def get_agency(uow: EvaluationUnitOfWork, caller: Caller, code: str) -> Agency:
    agency = await uow.agencies.get(code)
    if agency is None or not caller.may_manage_agency(agency.code):
        raise NotFound(f"agency {code} not found")
    return agency


async def list_agencies(
    uow: EvaluationUnitOfWork, caller: Caller, *, parent_code: str | None, limit: int, offset: int
) -> list[Agency]:
    return await uow.agencies.list(
        scope=caller.agency_scope(), parent_code=parent_code, limit=limit, offset=offset
    )


async def framework_version(uow: EvaluationUnitOfWork, version: int | None) -> Framework:
    if version is None:
        return await current_framework(uow)
    framework = await uow.frameworks.get(version)
    if framework is None:
        raise NotFound(f"framework version {version} not found")
    return framework


async def framework_versions(uow: EvaluationUnitOfWork) -> list[tuple[int, datetime]]:
    return await uow.frameworks.versions()


async def framework_drafts(
    uow: EvaluationUnitOfWork, caller: Caller, *, limit: int, offset: int
) -> list[FrameworkDraft]:
    require_admin(caller, "reads framework drafts")
    return await uow.framework_drafts.list(limit=limit, offset=offset)


async def framework_draft(
    uow: EvaluationUnitOfWork, caller: Caller, draft_id: str
) -> FrameworkDraft:
    require_admin(caller, "reads framework drafts")
    draft = await uow.framework_drafts.get(draft_id)
    if draft is None:
        raise NotFound(f"framework draft {draft_id} not found")
    return draft


async def technical_competencies(
    uow: EvaluationUnitOfWork, caller: Caller
) -> list[TechnicalDefinition]:
    return await uow.technical.list(scope=caller.agency_scope())


async def get_position(uow: EvaluationUnitOfWork, caller: Caller, code: str) -> Position:
    position = await uow.positions.get(code)
    if position is None or not caller.may_manage_agency(position.agency_code):
        raise NotFound(f"position {code} not found")
    return position


async def list_positions(
    uow: EvaluationUnitOfWork, caller: Caller, *, limit: int, offset: int
) -> list[Position]:
    return await uow.positions.list(scope=caller.agency_scope(), limit=limit, offset=offset)


async def get_employee(uow: EvaluationUnitOfWork, caller: Caller, nip: str) -> Employee:
    employee = await uow.employees.get(nip)
    if employee is None or not caller.may_read_employee(employee.nip, employee.agency_code):
        raise NotFound(f"employee {nip} not found")
    return employee


async def list_employees(
    uow: EvaluationUnitOfWork,
    caller: Caller,
    *,
    active: bool | None,
    limit: int,
    offset: int,
    search: RosterSearch | None = None,
) -> list[Employee]:
    """The roster of the caller's agencies, searched by NIP or name (an employee:
    themself, whatever they search)."""
    if caller.nip is not None and caller.agency_scope() == frozenset():
        own = await uow.employees.get(caller.nip)
        return [own] if own is not None else []
    return await uow.employees.list(
        scope=caller.agency_scope(), active=active, limit=limit, offset=offset, search=search
    )


async def list_results(
    uow: EvaluationUnitOfWork, caller: Caller, nip: str
) -> list[AssessmentResult]:
    employee = await get_employee(uow, caller, nip)
    return await uow.results.list_for(employee.nip)


@dataclass(frozen=True)
class CompetencyProfile:
    competency_code: str
    competency_name: str
    required_level: int | None
    current: AssessmentResult | None


@dataclass(frozen=True)
class EmployeeProfile:
    employee: Employee
    position: Position | None
    competencies: list[CompetencyProfile]
    jpm: Match


async def employee_profile(uow: EvaluationUnitOfWork, caller: Caller, nip: str) -> EmployeeProfile:
    """Current level per competency (by the precedence rule), the standard, and JPM."""
    employee = await get_employee(uow, caller, nip)
    position = await uow.positions.get(employee.position_code)
    framework = await uow.frameworks.current()
    current = current_results(await uow.results.list_for(employee.nip))
    standard = position.standard if position else {}
    codes = sorted(set(standard) | set(current))
    names = {c.code: c.name for c in framework.competencies.values()} if framework else {}
    for code in codes:
        if code not in names and (found := await uow.technical.get(code)) is not None:
            names[code] = found[0].name
    return EmployeeProfile(
        employee=employee,
        position=position,
        competencies=[
            CompetencyProfile(
                competency_code=code,
                competency_name=names.get(code, code),
                required_level=standard.get(code),
                current=current.get(code),
            )
            for code in codes
        ],
        jpm=_match(position, current),
    )


def _match(position: Position | None, current: dict[str, AssessmentResult]) -> Match:
    """The JPM of these current results against the position's standard."""
    standard = position.standard if position else {}
    return match(standard, {code: r.level for code, r in current.items()})


@dataclass(frozen=True)
class RosterEntry:
    """An employee of the roster with their position's name and their job-person match."""

    employee: Employee
    position_name: str | None
    jpm: Match


async def roster_with_jpm(
    uow: EvaluationUnitOfWork,
    caller: Caller,
    *,
    active: bool | None,
    limit: int,
    offset: int,
    search: RosterSearch | None = None,
) -> list[RosterEntry]:
    """The employees ``list_employees`` gives, each with the JPM of their profile, read
    for the page at once (a report reads a province page by page)."""
    employees = await list_employees(
        uow, caller, active=active, limit=limit, offset=offset, search=search
    )
    positions = await uow.positions.of_codes(e.position_code for e in employees)
    results: dict[str, list[AssessmentResult]] = defaultdict(list)
    for result in await uow.results.of_employees(e.nip for e in employees):
        results[result.nip].append(result)
    entries = []
    for employee in employees:
        position = positions.get(employee.position_code)
        entries.append(
            RosterEntry(
                employee=employee,
                position_name=position.name if position else None,
                jpm=_match(position, current_results(results[employee.nip])),
            )
        )
    return entries


async def list_training_evaluations(
    uow: EvaluationUnitOfWork,
    caller: Caller,
    *,
    status: EvaluationStatus | None,
    now: datetime,
    limit: int,
    offset: int,
) -> list[TrainingEvaluation]:
    """Post-training evaluations of the caller's agencies (upcoming, due, overdue, ...)."""
    return await uow.training_evaluations.list(
        scope=caller.agency_scope(), status=status, now=now, limit=limit, offset=offset
    )


async def get_training_evaluation(
    uow: EvaluationUnitOfWork, caller: Caller, evaluation_id: str
) -> TrainingEvaluation:
    evaluation = await uow.training_evaluations.get(evaluation_id)
    if evaluation is None or not caller.may_read_employee(evaluation.nip, evaluation.agency_code):
        raise NotFound(f"training evaluation {evaluation_id} not found")
    return evaluation


async def list_imports(
    uow: EvaluationUnitOfWork,
    caller: Caller,
    *,
    statuses: Collection[ImportStatus],
    limit: int,
    offset: int,
) -> list[ImportJob]:
    """The caller's own imports, newest first; an administrator sees everyone's (as one
    import is visible to its requester or an administrator)."""
    return await uow.imports.listed(
        requested_by=None if caller.sees_every_agency else caller.subject,
        statuses=statuses,
        limit=limit,
        offset=offset,
    )
