"""Event handlers: keep the read models current and recalculate whom a change touches.

Each runs inside the consumer's transaction (with the inbox claim), so a redelivered
event has no second effect and a failure leaves nothing half-done. Business times
decide: an event older than what is known changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from bangkom.kernel.business_time import supersedes_state
from bangkom.kernel.calendar import year_of
from bangkom.kernel.precedence import AssessedLevel
from bangkom.kernel.proposals import Course, CourseStep
from bangkom.platform.catalog import (
    CompletionRecorded,
    CourseUpdated,
    DevelopmentPlanApproved,
    EmployeeUpdated,
    EnrolmentChanged,
    EnrolmentRequestDeclined,
    NeedsAggregated,
    PublicSatisfactionPublished,
    ResultRecorded,
    ResultsRecorded,
    StandardPublished,
)
from bangkom.platform.catalog.evaluation import AssessedResult
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus
from bangkom.recommendation.domain.model import (
    AgencyNeed,
    Completion,
    Placement,
    PositionStandard,
)
from bangkom.recommendation.domain.satisfaction import UnitSatisfaction
from bangkom.recommendation.handlers.ports import RecommendationUnitOfWork
from bangkom.recommendation.handlers.publishing import proposal_created, proposal_decided
from bangkom.recommendation.handlers.recalculation import (
    DEFAULT_POLICY,
    PROPOSAL_IDS,
    Policy,
    recalculate,
    save_status,
)


async def on_employee_updated(
    event: EmployeeUpdated, uow: RecommendationUnitOfWork, policy: Policy = DEFAULT_POLICY
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
            supervisor_nip=event.supervisor_nip,
            employment_type=event.employment_type,
        )
    )
    await recalculate(uow, event.nip, event.changed_at, policy)


async def on_standard_published(event: StandardPublished, uow: RecommendationUnitOfWork) -> None:
    """A new standard version: its employees are queued and recalculated in batches."""
    await uow.hold_catalog(exclusive=True)
    current = await uow.standards.get(event.position_code)
    if current is not None and current.version >= event.version:
        return
    await uow.standards.save(
        PositionStandard(
            position_code=event.position_code,
            agency_code=event.agency_code,
            version=event.version,
            requirements=event.requirements(),
            published_at=event.published_at,
        )
    )
    await uow.recalculations.enqueue_position(
        event.position_code,
        f"standar {event.position_code} versi {event.version}",
        event.published_at,
    )


async def on_course_updated(
    event: CourseUpdated, uow: RecommendationUnitOfWork, policy: Policy = DEFAULT_POLICY
) -> None:
    await uow.hold_catalog(exclusive=True)
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
    if event.status == "published":
        # A new course may fit gaps that had no course before; those employees are
        # recalculated in batches, like after a standard change.
        developed = [c.competency_code for c in event.competencies]
        await uow.recalculations.enqueue(
            await uow.gaps.nips_with_open_gap(developed),
            f"kursus {event.course_code}",
            event.changed_at,
        )


async def on_result_recorded(
    event: ResultRecorded, uow: RecommendationUnitOfWork, policy: Policy = DEFAULT_POLICY
) -> None:
    if await _apply(uow, event.nip, [event]):
        await recalculate(uow, event.nip, event.evaluated_at, policy)


async def on_results_recorded(
    event: ResultsRecorded, uow: RecommendationUnitOfWork, policy: Policy = DEFAULT_POLICY
) -> None:
    """Several results of one employee: apply them all, recalculate once."""
    if await _apply(uow, event.nip, event.results):
        latest = max(r.evaluated_at for r in event.results)
        await recalculate(uow, event.nip, latest, policy)


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
        await uow.levels.remember(nip, incoming)
        if incoming.supersedes(await uow.levels.get(nip, result.competency_code)):
            await uow.levels.save(nip, incoming)
            changed = True
    return changed


async def on_needs_aggregated(event: NeedsAggregated, uow: RecommendationUnitOfWork) -> None:
    """An agency's latest needs replace its earlier ones; they weigh future proposals."""
    if not supersedes_state(event.aggregated_at, await uow.needs.aggregated_at(event.agency_code)):
        return
    await uow.needs.replace(
        event.agency_code,
        [
            AgencyNeed(event.agency_code, n.competency_code, n.rank, n.priority, event.period)
            for n in event.needs
        ],
        event.survey_id,
        event.aggregated_at,
    )


async def on_enrolment_changed(event: EnrolmentChanged, uow: RecommendationUnitOfWork) -> None:
    stored = await uow.learning.save_enrolment(
        event.enrolment_id,
        event.nip,
        event.course_code,
        event.status,
        event.proposal_id,
        event.changed_at,
    )
    if not stored or event.proposal_id is None:
        return
    proposal = await uow.proposals.get(event.proposal_id)
    if proposal is None:
        return
    moved = (
        proposal.enrolled(event.changed_at)
        if event.status == "enrolled"
        else proposal.enrolment_cancelled(event.changed_at)
        if event.status == "cancelled"
        else None
    )
    if moved is not None:
        await save_status(uow, moved)


async def on_enrolment_request_declined(
    event: EnrolmentRequestDeclined, uow: RecommendationUnitOfWork
) -> None:
    proposal = await uow.proposals.get(event.proposal_id)
    moved = proposal.enrolment_declined(event.reason, event.declined_at) if proposal else None
    if moved is not None:
        await save_status(uow, moved)


async def on_completion_recorded(
    event: CompletionRecorded, uow: RecommendationUnitOfWork, policy: Policy = DEFAULT_POLICY
) -> None:
    """Completed courses are not proposed again, and their JP count toward 20 JP."""
    completion = Completion(
        completion_id=event.completion_id,
        nip=event.nip,
        course_code=event.course_code,
        outcome=event.outcome,
        jp=event.jp,
        completed_at=event.completed_at,
    )
    stored = await uow.learning.save_completion(
        completion,
        event.agency_code,
        sorted({c.competency_code for c in event.competencies}),
        year_of(event.completed_at),
    )
    if stored:
        await recalculate(uow, event.nip, event.completed_at, policy)


async def on_public_satisfaction_published(
    event: PublicSatisfactionPublished, uow: RecommendationUnitOfWork
) -> None:
    """A unit's closed SKM period: kept beside its training for the effect report."""
    await uow.satisfaction.save(
        UnitSatisfaction(
            unit_code=event.unit_code,
            period=event.period,
            respondents=event.respondents,
            sample_sufficient=event.sample_sufficient,
            converted=event.converted,
            spread=event.spread,
            elements=dict(event.elements),
            closed_at=event.closed_at,
        )
    )


async def on_development_plan_approved(
    event: DevelopmentPlanApproved, uow: RecommendationUnitOfWork
) -> None:
    """The supervisor approved an employee's development plan (career): each item becomes a
    proposal accepted by that approval, which training enrols like any other. Ids follow
    from the plan, so a replay (rebuild) adds nothing twice."""
    for item in event.items:
        proposal_id = str(
            uuid.uuid5(PROPOSAL_IDS, f"{event.plan_id}|{item.competency_code}|{item.course_code}")
        )
        if await uow.proposals.get(proposal_id) is not None:
            continue
        proposal = Proposal(
            id=proposal_id,
            nip=event.nip,
            agency_code=event.agency_code,
            competency_code=item.competency_code,
            course_code=item.course_code,
            current_level=item.current_level,
            required_level=item.required_level,
            jp=item.jp,
            score=item.score,
            reasons=tuple(item.reasons),
            status=ProposalStatus.ACCEPTED,
            created_at=event.approved_at,
            updated_at=event.approved_at,
            decided_by=event.approved_by,
            plan_id=event.plan_id,
        )
        await uow.proposals.add(proposal)
        uow.publish(proposal_created(proposal))
        uow.publish(proposal_decided(proposal, by=event.approved_by, at=event.approved_at))
