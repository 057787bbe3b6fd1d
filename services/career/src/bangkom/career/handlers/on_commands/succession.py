"""Critical positions and their succession pools."""

from __future__ import annotations

from bangkom.career.domain.ladder import type_below
from bangkom.career.domain.model import SuccessionPlan
from bangkom.career.handlers import commands
from bangkom.career.handlers.access import require_manager
from bangkom.career.handlers.policy import DEFAULT_POLICY, Policy
from bangkom.career.handlers.ports import CareerUnitOfWork
from bangkom.career.handlers.talent import settle
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import InvalidInput, NotFound


async def mark_critical(
    cmd: commands.MarkCritical,
    uow: CareerUnitOfWork,
    policy: Policy = DEFAULT_POLICY,
    clock: Clock = utc_now,
) -> SuccessionPlan:
    """The pool is filled at once, and an alert raised if it is short of ready successors."""
    position = await uow.positions.get(cmd.position_code)
    if position is None:
        raise NotFound(f"position {cmd.position_code} not found")
    require_manager(cmd.caller, position.agency_code, f"position {cmd.position_code}")
    if type_below(position.position_type) is None:
        raise InvalidInput(
            f"position {position.code} has type {position.position_type or 'unknown'}: "
            "no position type below it to draw successors from",
            field="position_code",
        )
    if not 1 <= cmd.minimum_ready <= cmd.pool_size <= 50:
        raise InvalidInput(
            f"need 1 <= minimum_ready ({cmd.minimum_ready}) <= pool_size ({cmd.pool_size}) <= 50"
        )
    held = await uow.succession.get(cmd.position_code)
    plan = SuccessionPlan(
        position_code=position.code,
        agency_code=position.agency_code,
        pool_size=cmd.pool_size,
        minimum_ready=cmd.minimum_ready,
        short=held.short if held is not None else False,
    )
    await uow.succession.save(plan)
    uow.audit(
        "mark_critical",
        "succession_plan",
        position.code,
        agency_code=position.agency_code,
        before=held,
        after=plan,
    )
    uow.due.positions.add(position.code)
    await settle(uow, policy, clock)
    return await uow.succession.get(position.code) or plan


async def unmark_critical(cmd: commands.UnmarkCritical, uow: CareerUnitOfWork) -> None:
    held = await uow.succession.get(cmd.position_code)
    if held is None:
        raise NotFound(f"critical position {cmd.position_code} not found")
    require_manager(cmd.caller, held.agency_code, f"critical position {cmd.position_code}")
    await uow.succession.remove(cmd.position_code)
    uow.audit(
        "unmark_critical",
        "succession_plan",
        cmd.position_code,
        agency_code=held.agency_code,
        before=held,
    )
