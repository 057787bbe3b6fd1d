"""Positions and their standards."""

from __future__ import annotations

from datetime import datetime

from bangkom.evaluation.domain.competency import InvalidCompetency
from bangkom.evaluation.domain.framework import Framework
from bangkom.evaluation.domain.model import Position
from bangkom.evaluation.handlers import commands
from bangkom.evaluation.handlers.access import require_manager
from bangkom.evaluation.handlers.lookups import (
    active_agency,
    current_framework,
    defined_technical,
)
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.evaluation.handlers.publishing import standard_published
from bangkom.platform.audit import snapshot
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import Conflict, InvalidInput


async def define_position(
    cmd: commands.DefinePosition, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> Position:
    require_manager(cmd.caller, cmd.agency_code)
    await active_agency(uow, cmd.agency_code)
    position = await uow.positions.get(cmd.code)
    before = snapshot(position) if position is not None else None
    if position is not None and position.agency_code != cmd.agency_code:
        require_manager(
            cmd.caller, position.agency_code, f"position {cmd.code} belongs to another agency"
        )
        raise Conflict(f"position {cmd.code} belongs to agency {position.agency_code}")
    for code in cmd.technical:
        await defined_technical(uow, code, cmd.agency_code, field="technical")
    if position is None:
        position = Position(
            code=cmd.code,
            name=cmd.name,
            agency_code=cmd.agency_code,
            position_type=cmd.position_type,
        )
    position.name = cmd.name
    position.position_type = cmd.position_type
    position.overrides = dict(cmd.overrides)
    position.technical = dict(cmd.technical)
    await publish_standard(uow, position, await current_framework(uow), clock())
    uow.audit(
        "define_position",
        "position",
        position.code,
        agency_code=position.agency_code,
        before=before,
        after=position,
    )
    return position


async def publish_standard(
    uow: EvaluationUnitOfWork, position: Position, framework: Framework, now: datetime
) -> bool:
    """Re-derive a position's standard; publish it when it became a new version (True)."""
    try:
        changed = position.apply(framework)
    except InvalidCompetency as exc:
        raise InvalidInput(str(exc)) from exc
    await uow.positions.save(position)
    if changed:
        names = {c.code: c.name for c in framework.competencies.values()}
        for code in position.technical:
            found = await uow.technical.get(code)
            if found is not None:
                names[code] = found[0].name
        uow.publish(standard_published(position, names, now))
    return changed
