"""Agencies: the province defines cities, regencies and agencies; operators their units."""

from __future__ import annotations

from bangkom.evaluation.domain.agency import Agency, AgencyKind, InvalidAgency
from bangkom.evaluation.handlers import commands
from bangkom.evaluation.handlers.access import require_admin, require_manager
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.evaluation.handlers.publishing import agency_updated
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import InvalidInput


async def define_agency(
    cmd: commands.DefineAgency, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> Agency:
    caller = cmd.caller
    if cmd.kind is AgencyKind.UNIT:
        require_manager(caller, cmd.parent_code)
    else:
        require_admin(caller, f"defines a {cmd.kind}")
    parent = await uow.agencies.get(cmd.parent_code) if cmd.parent_code else None
    agency = Agency(
        code=cmd.code,
        name=cmd.name,
        kind=cmd.kind,
        parent_code=cmd.parent_code,
        active=cmd.active,
        changed_at=clock(),
    )
    try:
        agency.check_placement(parent)
    except InvalidAgency as exc:
        raise InvalidInput(str(exc)) from exc
    existing = await uow.agencies.get(cmd.code)
    if existing is not None and existing.same_as(agency):
        return existing
    await uow.agencies.save(agency)
    uow.publish(agency_updated(agency))
    uow.audit(
        "define_agency",
        "agency",
        agency.code,
        agency_code=agency.code,
        before=existing,
        after=agency,
    )
    return agency
