"""Recalculate one employee: gaps against the standard of their position, the fate of
their proposals, and new proposals for gaps still open.

Times are business times, not the wall clock: gaps are dated by the latest fact they
depend on, proposals by the event that caused them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bangkom.kernel.calendar import year_of
from bangkom.kernel.gaps import Gap, GapStatus, calculate_gaps
from bangkom.kernel.proposals import Person, propose
from bangkom.platform.catalog import (
    CourseUpdated,
    Event,
    ResultRecorded,
    ResultsRecorded,
    StandardPublished,
)
from bangkom.platform.clock import utc_now
from bangkom.platform.messaging.causation import caused_by, current_cause
from bangkom.platform.observability.metrics import RESULT_TO_PROPOSAL
from bangkom.platform.observability.tracing import child_traceparent, trace_scope
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus
from bangkom.recommendation.domain.model import Placement
from bangkom.recommendation.handlers.ports import Deferred, RecommendationUnitOfWork
from bangkom.recommendation.handlers.publishing import (
    gaps_recalculated,
    proposal_created,
    proposal_status_changed,
)

# Events that change what every employee is measured and proposed against.
CATALOG_CHANGES = (CourseUpdated, StandardPublished)
RESULT_EVENTS = {ResultRecorded.TYPE, ResultsRecorded.TYPE}
PROPOSAL_IDS = uuid.UUID("6f1c1d2e-58f4-4b53-9c55-2b0a3e5d9a10")


@dataclass(frozen=True)
class Policy:
    jp_budget: int = 60  # JP a person may have in active proposals per year
    proposal_ttl: timedelta = timedelta(days=90)  # an undecided proposal expires after
    # False while rebuilding read models from the log: no proposals, no events, and the
    # gap history (the record of what was published) is left as it is.
    propose: bool = True


DEFAULT_POLICY = Policy()


async def recalculate(
    uow: RecommendationUnitOfWork, nip: str, as_of: datetime, policy: Policy = DEFAULT_POLICY
) -> None:
    """Recalculate now, or, inside a batch, once at its end (see recalculate_deferred)."""
    if uow.deferred is not None:
        # As of the latest event, and in its trace: what follows is its consequence.
        earlier = uow.deferred.get(nip)
        if earlier is None or as_of >= earlier.as_of:
            uow.deferred[nip] = Deferred(as_of, child_traceparent(), current_cause())
        return
    await uow.hold_employees([nip])
    with trace_scope(child_traceparent(), "recalculate"):
        await _recalculate(uow, nip, as_of, policy)


async def defer_recalculations(uow: RecommendationUnitOfWork, events: Sequence[Event]) -> None:
    """Before a batch: hold the catalog, exclusively when the batch changes it (taken
    shared first, two such batches would each wait for the other to give it up), and its
    employees (events about one employee arrive on several topics, handled side by
    side); load them at once and hold their recalculations."""
    uow.deferred = {}
    await uow.hold_catalog(exclusive=any(isinstance(e, CATALOG_CHANGES) for e in events))
    about = (getattr(event, "nip", None) for event in events)
    nips = [nip for nip in about if isinstance(nip, str)]
    await uow.hold_employees(nips)
    await uow.prefetch(nips)


async def recalculate_deferred(
    uow: RecommendationUnitOfWork, policy: Policy = DEFAULT_POLICY
) -> None:
    """After a batch: each employee it touched, once, as of the latest event."""
    deferred, uow.deferred = uow.deferred or {}, None
    await uow.hold_employees(deferred)
    await uow.prefetch(deferred)
    for nip, held in sorted(deferred.items()):
        with trace_scope(held.traceparent, "recalculate"), caused_by(held.cause):
            await _recalculate(uow, nip, held.as_of, policy)


async def _recalculate(
    uow: RecommendationUnitOfWork, nip: str, as_of: datetime, policy: Policy
) -> None:
    placement = await uow.placements.get(nip)
    if placement is None or not placement.active:
        return
    standard = await uow.standards.get(placement.position_code)
    if standard is None:
        return
    gaps = calculate_gaps(standard.requirements, await uow.levels.current(nip))
    moved = await uow.gaps.agency_of(nip) not in (None, placement.agency_code)
    if moved or gaps != await uow.gaps.current(nip):
        # Gaps are as of the latest fact they depend on, whatever order events came in,
        # so that a replay of the log reproduces them exactly.
        facts = [placement.changed_at, standard.published_at]
        facts += [t for t in [await uow.levels.latest_evaluation(nip)] if t is not None]
        calculated_at = max(facts)
        await uow.gaps.replace(
            nip,
            placement.agency_code,
            gaps,
            standard.version,
            calculated_at,
            history=policy.propose,
        )
        if policy.propose:
            uow.publish(gaps_recalculated(placement, standard.version, gaps, calculated_at))
    if not policy.propose:
        return
    proposals = await uow.proposals.of_person(nip)
    await _settle(uow, proposals, gaps, as_of)
    await _propose(uow, placement, gaps, proposals, as_of, policy)


async def _settle(
    uow: RecommendationUnitOfWork, proposals: list[Proposal], gaps: list[Gap], at: datetime
) -> None:
    """Proposals whose gap no longer exists are fulfilled (or expire, if never accepted).
    A development plan's items close gaps to another position than the one held: these
    gaps do not settle them."""
    still_open = {g.competency_code for g in gaps if g.status is not GapStatus.MET}
    for proposal in proposals:
        if not proposal.active or proposal.plan_id or proposal.competency_code in still_open:
            continue
        settled = proposal.gap_closed(at)
        if settled is not None:
            await save_status(uow, settled)


async def _propose(
    uow: RecommendationUnitOfWork,
    placement: Placement,
    gaps: list[Gap],
    proposals: list[Proposal],
    as_of: datetime,
    policy: Policy,
) -> None:
    year = year_of(as_of)
    learning = await uow.learning.of_person(placement.nip, year)
    needs = await uow.needs.nearest(placement.agency_code)
    active = [p for p in proposals if p.active]
    person = Person(
        completed_courses=learning.completed_courses,
        followed_courses=learning.followed_courses,
        jp_this_year=learning.jp_this_year,
        committed_jp=sum(p.jp for p in active if year_of(p.created_at) == year),
        proposed_before=frozenset((p.competency_code, p.course_code) for p in proposals),
        active_competencies=frozenset(p.competency_code for p in active),
        need_rank={n.competency_code: n.rank for n in needs},
        need_period=needs[0].period if needs else None,
    )
    courses = await uow.courses.developing(
        g.competency_code for g in gaps if g.status is GapStatus.OPEN
    )
    for draft in propose(gaps, courses, person, jp_budget=policy.jp_budget):
        proposal = Proposal(
            id=str(
                uuid.uuid5(
                    PROPOSAL_IDS,
                    f"{placement.nip}|{draft.competency_code}|{draft.course_code}|{as_of.isoformat()}",
                )
            ),
            nip=placement.nip,
            agency_code=placement.agency_code,
            competency_code=draft.competency_code,
            course_code=draft.course_code,
            current_level=draft.current_level,
            required_level=draft.required_level,
            jp=draft.jp,
            score=draft.score,
            reasons=draft.reasons,
            status=ProposalStatus.PROPOSED,
            created_at=as_of,
            updated_at=as_of,
        )
        await uow.proposals.add(proposal)
        uow.publish(proposal_created(proposal))
        _observe_result_to_proposal()


def _observe_result_to_proposal() -> None:
    cause = current_cause()
    if cause is not None and cause.event_type in RESULT_EVENTS:
        RESULT_TO_PROPOSAL.observe(max((utc_now() - cause.written_at).total_seconds(), 0.0))


async def save_status(uow: RecommendationUnitOfWork, proposal: Proposal) -> None:
    """Store a proposal that moved on by itself and tell the others."""
    await uow.proposals.save(proposal)
    uow.publish(proposal_status_changed(proposal))
