"""Readiness for a target position and the ranked candidates for it."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from bangkom.career.domain.readiness import Readiness
from bangkom.career.entrypoints.api.deps import BusDep, ClockDep, PolicyDep
from bangkom.career.entrypoints.api.schemas.candidates import CandidatePublic, ReadinessPublic
from bangkom.career.handlers import queries
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter

router = ServiceRouter(tags=["readiness"])


@router.get(
    "/positions/{position_code}/candidates",
    summary="Candidates for a position in the caller's agencies, ranked",
    description="Candidates hold a position one step below on the target's ladder, are "
    "active and long enough in position; ranked ready now first, then by JPM against "
    "the target's standard, then by nine-box.",
)
async def position_candidates(
    position_code: str,
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    policy: PolicyDep,
    clock: ClockDep,
    readiness: Annotated[list[Readiness] | None, Query(description="Only these classes")] = None,
) -> Page[CandidatePublic]:
    async with bus.uow_factory() as uow:
        _, ranked = await queries.candidates(
            uow,
            caller,
            position_code,
            readiness_in=frozenset(readiness) if readiness else None,
            policy=policy,
            clock=clock,
        )
    start = paging.offset
    page = [
        CandidatePublic.of(rank, c)
        for rank, c in enumerate(ranked[start : start + paging.limit], start=start + 1)
    ]
    return Page[CandidatePublic].counted(page, paging, len(ranked))


@router.get(
    "/employees/{nip}/readiness/{position_code}",
    summary="An employee's readiness for a target position, the gaps and the courses",
)
async def employee_readiness(
    nip: str, position_code: str, caller: CallerDep, bus: BusDep, policy: PolicyDep
) -> ReadinessPublic:
    async with bus.uow_factory() as uow:
        view = await queries.employee_readiness(uow, caller, nip, position_code, policy)
    return ReadinessPublic.of(view)
