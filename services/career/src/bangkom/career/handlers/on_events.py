"""Event handlers: keep the read models current and mark whom a change touches
(``uow.due``); the nine-box and the pools are settled once at the end of the
transaction (handlers.talent). Business times decide: an older event changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from bangkom.career.domain.model import Employee, Position
from bangkom.career.handlers.ports import CareerUnitOfWork
from bangkom.kernel.business_time import supersedes_state
from bangkom.kernel.precedence import AssessedLevel
from bangkom.kernel.proposals import Course, CourseStep
from bangkom.platform.catalog import (
    CompletionRecorded,
    CourseUpdated,
    EmployeeUpdated,
    ProposalCreated,
    ProposalDecided,
    ProposalStatusChanged,
    ResultRecorded,
    ResultsRecorded,
    StandardPublished,
)
from bangkom.platform.catalog.evaluation import AssessedResult


async def on_employee_updated(event: EmployeeUpdated, uow: CareerUnitOfWork) -> None:
    held = await uow.employees.get(event.nip)
    if held is not None and not held.is_older_than(event.changed_at):
        return
    if held is None:
        employee = Employee(
            nip=event.nip,
            name=event.name,
            agency_code=event.agency_code,
            position_code=event.position_code,
            active=event.active,
            changed_at=event.changed_at,
            in_position_since=event.changed_at,
            supervisor_nip=event.supervisor_nip,
        )
    else:
        employee = held.moved_to(
            name=event.name,
            agency_code=event.agency_code,
            position_code=event.position_code,
            active=event.active,
            supervisor_nip=event.supervisor_nip,
            changed_at=event.changed_at,
        )
        # The pools they were a candidate for may lose them.
        before = await uow.positions.get(held.position_code)
        if before is not None and before.position_type:
            uow.due.candidate_types.add(before.position_type)
    await uow.employees.save(employee)
    uow.due.employee(event.nip, event.changed_at)


async def on_standard_published(event: StandardPublished, uow: CareerUnitOfWork) -> None:
    """A new standard: the employees of that position only are placed again (their
    potential is measured from it), and its pool, when it is critical."""
    held = await uow.positions.get(event.position_code)
    if held is not None and held.version >= event.version:
        return
    await uow.positions.save(
        Position(
            code=event.position_code,
            name=event.position_name,
            agency_code=event.agency_code,
            position_type=event.position_type,
            version=event.version,
            requirements=event.requirements(),
            published_at=event.published_at,
        )
    )
    for nip in await uow.employees.in_position(event.position_code):
        uow.due.employee(nip, event.published_at)
    uow.due.positions.add(event.position_code)


async def on_result_recorded(event: ResultRecorded, uow: CareerUnitOfWork) -> None:
    if await _apply(uow, event.nip, [event]):
        uow.due.employee(event.nip, event.evaluated_at)


async def on_results_recorded(event: ResultsRecorded, uow: CareerUnitOfWork) -> None:
    if await _apply(uow, event.nip, event.results):
        uow.due.employee(event.nip, max(r.evaluated_at for r in event.results))


async def _apply(
    uow: CareerUnitOfWork, nip: str, results: Sequence[ResultRecorded | AssessedResult]
) -> bool:
    """Keep each result that supersedes the current level; True when any did."""
    changed = False
    for result in results:
        incoming = AssessedLevel(
            competency_code=result.competency_code,
            level=result.level,
            evaluated_at=result.evaluated_at,
            result_id=result.result_id,
            period=result.period,
            method_rank=result.method_rank,
        )
        if incoming.supersedes(await uow.levels.get(nip, result.competency_code)):
            await uow.levels.save(nip, incoming)
            changed = True
    return changed


async def on_course_updated(event: CourseUpdated, uow: CareerUnitOfWork) -> None:
    if not supersedes_state(event.changed_at, await uow.courses.changed_at(event.course_code)):
        return
    await uow.courses.save(
        Course(
            code=event.course_code,
            title=event.title,
            steps=tuple(
                CourseStep(c.competency_code, c.level_from, c.level_to) for c in event.competencies
            ),
            jp=event.jp,
            mode=event.mode,
            cost=event.cost,
            published=event.status == "published",
            provider=event.provider,
            prerequisites=tuple(event.prerequisites),
        ),
        event.changed_at,
    )


async def on_completion_recorded(event: CompletionRecorded, uow: CareerUnitOfWork) -> None:
    """Completed courses are not planned again."""
    if event.course_code is not None and event.outcome != "failed":
        await uow.completions.add(event.nip, event.course_code)


async def on_proposal_created(event: ProposalCreated, uow: CareerUnitOfWork) -> None:
    """A plan's item became a proposal: the plan shows it and follows its status."""
    if event.plan_id is not None:
        await uow.plans.link_proposal(
            event.plan_id, event.competency_code, event.course_code, event.proposal_id
        )


async def on_proposal_status_changed(event: ProposalStatusChanged, uow: CareerUnitOfWork) -> None:
    await uow.plans.proposal_moved(event.proposal_id, event.status)


async def on_proposal_decided(event: ProposalDecided, uow: CareerUnitOfWork) -> None:
    await uow.plans.proposal_moved(event.proposal_id, event.decision)
