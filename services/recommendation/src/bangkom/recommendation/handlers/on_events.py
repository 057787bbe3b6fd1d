"""Event handlers: keep the read models current and recalculate what changed.

Each handler runs inside the consumer's transaction (with the inbox claim), so a
redelivered event has no second effect and a failure leaves nothing half-done.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from bangkom.platform.catalog import (
    CourseUpdated,
    EmployeeUpdated,
    GapsRecalculated,
    ProposalCreated,
    ResultRecorded,
    ResultsRecorded,
    StandardPublished,
)
from bangkom.platform.catalog.evaluation import AssessedResult
from bangkom.platform.catalog.recommendation import Gap as GapPayload
from bangkom.platform.clock import Clock, utc_now
from bangkom.recommendation.domain.gaps import Requirement, calculate_gaps
from bangkom.recommendation.domain.levels import AssessedLevel
from bangkom.recommendation.domain.model import (
    Placement,
    PositionStandard,
    Proposal,
    ProposalStatus,
)
from bangkom.recommendation.domain.proposals import Course, CourseStep, propose
from bangkom.recommendation.handlers.ports import RecommendationUnitOfWork


async def on_employee_updated(
    event: EmployeeUpdated, uow: RecommendationUnitOfWork, clock: Clock = utc_now
) -> None:
    current = await uow.placements.get(event.nip)
    if current is not None and not current.is_older_than(event.changed_at):
        return
    await uow.placements.save(
        Placement(
            nip=event.nip,
            agency_code=event.agency_code,
            position_code=event.position_code,
            active=event.active,
            changed_at=event.changed_at,
        )
    )
    await recalculate(uow, event.nip, clock)


async def on_standard_published(
    event: StandardPublished, uow: RecommendationUnitOfWork, clock: Clock = utc_now
) -> None:
    current = await uow.standards.get(event.position_code)
    if current is not None and current.version >= event.version:
        return
    await uow.standards.save(
        PositionStandard(
            position_code=event.position_code,
            agency_code=event.agency_code,
            version=event.version,
            requirements={
                level.competency_code: Requirement(
                    level.competency_code, level.competency_name, level.required_level
                )
                for level in event.levels
            },
            published_at=event.published_at,
        )
    )
    for nip in await uow.placements.nips_in_position(event.position_code):
        await recalculate(uow, nip, clock)


async def on_course_updated(
    event: CourseUpdated, uow: RecommendationUnitOfWork, clock: Clock = utc_now
) -> None:
    known_at = await uow.courses.changed_at(event.course_code)
    if known_at is not None and known_at >= event.changed_at:
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
        ),
        event.changed_at,
    )
    if event.status == "published":
        # A new course may fit gaps that had no course before.
        developed = [c.competency_code for c in event.competencies]
        for nip in await uow.gaps.nips_with_open_gap(developed):
            await recalculate(uow, nip, clock)


async def on_result_recorded(
    event: ResultRecorded, uow: RecommendationUnitOfWork, clock: Clock = utc_now
) -> None:
    if await _apply(uow, event.nip, [event]):
        await recalculate(uow, event.nip, clock)


async def on_results_recorded(
    event: ResultsRecorded, uow: RecommendationUnitOfWork, clock: Clock = utc_now
) -> None:
    """Several results of one employee: apply them all, recalculate once."""
    if await _apply(uow, event.nip, event.results):
        await recalculate(uow, event.nip, clock)


async def _apply(
    uow: RecommendationUnitOfWork, nip: str, results: Sequence[ResultRecorded | AssessedResult]
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


async def recalculate(uow: RecommendationUnitOfWork, nip: str, clock: Clock) -> None:
    """Recalculate one employee's gaps, publish them, and propose courses for open gaps."""
    placement = await uow.placements.get(nip)
    if placement is None or not placement.active:
        return
    standard = await uow.standards.get(placement.position_code)
    if standard is None:
        return
    now = clock()
    gaps = calculate_gaps(standard.requirements, await uow.levels.current(nip))
    await uow.gaps.replace(nip, gaps, standard.version, now)
    uow.publish(
        GapsRecalculated(
            nip=nip,
            agency_code=placement.agency_code,
            position_code=placement.position_code,
            standard_version=standard.version,
            gaps=[
                GapPayload(
                    competency_code=g.competency_code,
                    required_level=g.required_level,
                    current_level=g.current_level,
                    gap=g.size,
                    status=g.status.value,
                )
                for g in gaps
            ],
            calculated_at=now,
        )
    )
    courses = await uow.courses.developing(g.competency_code for g in gaps)
    for draft in propose(gaps, courses, await uow.proposals.proposed_pairs(nip)):
        proposal = Proposal(
            id=str(uuid.uuid4()),
            nip=nip,
            agency_code=placement.agency_code,
            competency_code=draft.competency_code,
            course_code=draft.course_code,
            current_level=draft.current_level,
            required_level=draft.required_level,
            score=draft.score,
            reasons=draft.reasons,
            status=ProposalStatus.PROPOSED,
            created_at=now,
        )
        await uow.proposals.add(proposal)
        uow.publish(
            ProposalCreated(
                proposal_id=proposal.id,
                nip=nip,
                agency_code=proposal.agency_code,
                competency_code=proposal.competency_code,
                course_code=proposal.course_code,
                current_level=proposal.current_level,
                required_level=proposal.required_level,
                score=proposal.score,
                reasons=list(proposal.reasons),
                created_at=now,
            )
        )
