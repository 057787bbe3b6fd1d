"""Agencies: the province defines cities, regencies and agencies; operators their units."""

from __future__ import annotations

from bangkom.evaluation.domain.agency import Agency, AgencyKind, InvalidAgency
from bangkom.evaluation.handlers import commands
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.evaluation.handlers.publish import agency_updated
from bangkom.platform.auth import Role
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import AccessDenied, InvalidInput


async def define_agency(
    cmd: commands.DefineAgency, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> Agency:
    caller = cmd.caller
    if cmd.kind is AgencyKind.UNIT:
        if cmd.parent_code is None or not caller.may_manage_agency(cmd.parent_code):
            raise AccessDenied(f"you do not manage agency {cmd.parent_code}")
    elif not caller.has_any(Role.PROVINCE_ADMIN, Role.SERVICE):
        raise AccessDenied(f"only a province admin defines a {cmd.kind}")
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
    return agency
