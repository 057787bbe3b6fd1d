"""Settle what a transaction's events touched: place each touched employee in the
nine-box again (publishing when their place changed, the history kept), then refresh
the succession pools those changes can move (alerts raised as the domain says).

Handlers only mark (``uow.due``); this runs once per transaction, at the end of a
consumer batch (the batch hook) or of a command, so a batch of results about one
person places them once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bangkom.career.domain.ladder import type_above, type_below
from bangkom.career.domain.succession import alerts, pool_of, ready_now
from bangkom.career.domain.talent import place
from bangkom.career.handlers.policy import DEFAULT_POLICY, Policy
from bangkom.career.handlers.ports import CareerUnitOfWork, Due
from bangkom.career.handlers.publishing import alert_raised, placement_changed, pool_changed
from bangkom.career.handlers.ranking import rank_candidates
from bangkom.kernel.agencies import ancestors
from bangkom.platform.catalog import Event
from bangkom.platform.clock import Clock, utc_now


async def start_batch(uow: CareerUnitOfWork, events: Sequence[Event] = ()) -> None:
    uow.due = Due()
    about = (getattr(event, "nip", None) for event in events)
    await uow.hold_employees(nip for nip in about if isinstance(nip, str))


async def settle(
    uow: CareerUnitOfWork, policy: Policy = DEFAULT_POLICY, clock: Clock = utc_now
) -> None:
    due, uow.due = uow.due, Due()
    await uow.hold_employees(due.nips)
    for nip, at in sorted(due.nips.items()):
        await place_again(uow, nip, at, policy, due)
    types = {t for t in (type_above(c) for c in due.candidate_types) if t is not None}
    plans = {p.position_code: p for p in await uow.succession.with_target_types(types)}
    for code in due.positions:
        plan = await uow.succession.get(code)
        if plan is not None:
            plans[code] = plan
    # Who is a candidate (years in position) is judged now, whatever the events' times.
    now = clock()
    for code in sorted(plans):
        await refresh_pool(uow, code, policy, now)


async def place_again(
    uow: CareerUnitOfWork, nip: str, at: datetime, policy: Policy, due: Due | None = None
) -> None:
    employee = await uow.employees.get(nip)
    if employee is None:
        return
    held = await uow.placements.current(nip)
    position = await uow.positions.get(employee.position_code)
    if due is not None and position is not None and position.position_type:
        due.candidate_types.add(position.position_type)
    if not employee.active:
        if held is None or held.box is None:
            return
        standard: dict[str, int] = {}
        levels: dict[str, int] = {}
        rating = None
        assessment = None
    else:
        standard = position.standard if position is not None else {}
        levels = await uow.levels.current(nip)
        rating = await uow.ratings.latest(nip)
        assessed = await uow.assessments.get(nip)
        assessment = assessed[0] if assessed is not None else None
    agency_policy = await uow.policies.get(employee.agency_code)
    rule = agency_policy.potential_rule if agency_policy is not None else policy.potential
    # Business time moves forward only, so the history reads in order.
    placed_at = max(at, held.placed_at) if held is not None else at
    placement = place(
        nip=nip,
        agency_code=employee.agency_code,
        position_code=employee.position_code,
        standard=standard,
        levels=levels,
        rating=rating,
        assessment=assessment,
        rule=rule,
        at=placed_at,
    )
    if placement.same_place(held):
        return
    await uow.placements.save(placement)
    uow.publish(placement_changed(placement, held))


def pool_scope(agency_code: str) -> frozenset[str]:
    """Where a position's successors come from: its regency or city (its whole agency
    code when it has fewer parts)."""
    codes = ancestors(agency_code)
    return frozenset({codes[min(1, len(codes) - 1)]})


async def refresh_pool(
    uow: CareerUnitOfWork, position_code: str, policy: Policy, now: datetime
) -> None:
    plan = await uow.succession.get(position_code)
    target = await uow.positions.get(position_code)
    # A standard republished with a type at the bottom of its ladder leaves no candidates.
    if plan is None or target is None or type_below(target.position_type) is None:
        return
    ranked = await rank_candidates(uow, target, pool_scope(target.agency_code), policy, now)
    after = pool_of(ranked, plan.pool_size)
    before = await uow.succession.members(position_code)
    raised = alerts(
        position_code,
        before,
        after,
        still_candidates={c.nip for c in ranked},
        boxes_now={c.nip: c.box for c in ranked},
        was_short=plan.short,
        minimum_ready=plan.minimum_ready,
    )
    if after != before:
        await uow.succession.replace_members(position_code, after)
        uow.publish(pool_changed(position_code, plan.agency_code, after, now))
    for alert in raised:
        uow.publish(
            alert_raised(position_code, plan.agency_code, alert, after, plan.minimum_ready, now)
        )
    short = ready_now(after) < plan.minimum_ready
    if short != plan.short:
        await uow.succession.save(replace(plan, short=short))
