"""The candidates for a target position, ranked: who is eligible comes from storage (one
query, one row per candidate with their current levels), the JPM, readiness and order
from the domain."""

from __future__ import annotations

from datetime import datetime

from bangkom.career.domain.ladder import in_position_since_at_most, type_below
from bangkom.career.domain.model import Position
from bangkom.career.domain.readiness import Candidate, ReadinessRule, ranked, readiness
from bangkom.career.handlers.policy import Policy
from bangkom.career.handlers.ports import CareerUnitOfWork, Scope
from bangkom.kernel.jpm import match


class NoCandidateRule(ValueError):
    """The target position's type has no type below it (or is not known)."""


async def readiness_rule(uow: CareerUnitOfWork, target: Position, policy: Policy) -> ReadinessRule:
    """The thresholds of the agency the target position belongs to, else the service's."""
    agency_policy = await uow.policies.get(target.agency_code)
    return agency_policy.readiness_rule if agency_policy is not None else policy.readiness


async def rank_candidates(
    uow: CareerUnitOfWork, target: Position, scope: Scope, policy: Policy, as_of: datetime
) -> list[Candidate]:
    below = type_below(target.position_type)
    if below is None:
        raise NoCandidateRule(
            f"position {target.code} has type {target.position_type or 'unknown'}: "
            "no position type below it to draw candidates from"
        )
    standard = target.standard
    rows = await uow.candidates.eligible(
        candidate_type=below,
        in_position_since_at_most=in_position_since_at_most(as_of, policy.min_years_in_position),
        scope=scope,
        excluded_position=target.code,
    )
    rule = await readiness_rule(uow, target, policy)
    candidates = []
    for row in rows:
        found = match(standard, row.levels)
        candidates.append(
            Candidate(
                nip=row.nip,
                agency_code=row.agency_code,
                position_code=row.position_code,
                match=found,
                readiness=readiness(found, rule),
                box=row.box,
            )
        )
    return ranked(candidates)
