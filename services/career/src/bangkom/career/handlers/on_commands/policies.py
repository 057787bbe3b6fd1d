"""An agency's talent policy: its potential rule, its readiness thresholds and employees'
sight of their box."""

from __future__ import annotations

from bangkom.career.domain.potential import InvalidRule, PotentialRule
from bangkom.career.domain.readiness import ReadinessRule
from bangkom.career.domain.talent import AgencyPolicy
from bangkom.career.handlers import commands
from bangkom.career.handlers.access import require_manager
from bangkom.career.handlers.policy import DEFAULT_POLICY, Policy
from bangkom.career.handlers.ports import CareerUnitOfWork
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import InvalidInput


async def set_agency_policy(
    cmd: commands.SetAgencyPolicy,
    uow: CareerUnitOfWork,
    policy: Policy = DEFAULT_POLICY,
    clock: Clock = utc_now,
) -> AgencyPolicy:
    """The agency's employees are placed again under the new rule when they are next
    touched by an event (a rule change does not rewrite the whole agency at once)."""
    require_manager(cmd.caller, cmd.agency_code, f"agency {cmd.agency_code}")
    try:
        rule = PotentialRule(
            target_step=cmd.target_step,
            assessment_weight=cmd.assessment_weight,
            high_from=cmd.high_from,
            medium_from=cmd.medium_from,
        )
        readiness = ReadinessRule(cmd.ready_now_from, cmd.ready_soon_from)
    except InvalidRule as exc:
        raise InvalidInput(str(exc)) from exc
    held = await uow.policies.get(cmd.agency_code)
    agency_policy = AgencyPolicy(cmd.agency_code, rule, readiness, cmd.employees_see_own_box)
    await uow.policies.save(agency_policy, clock())
    uow.audit(
        "set_agency_policy",
        "agency_policy",
        cmd.agency_code,
        agency_code=cmd.agency_code,
        before=held,
        after=agency_policy,
    )
    return agency_policy
