from __future__ import annotations

from typing import Annotated

from fastapi import Query, status

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.catalog.types import NipStr
from bangkom.platform.web.errors import error_responses
from bangkom.platform.web.paging import PagingDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.training.domain.enrolments import EnrolmentStatus, RequestStatus
from bangkom.training.entrypoints.api.deps import BusDep
from bangkom.training.entrypoints.api.paths import IdPath
from bangkom.training.entrypoints.api.schemas.completions import (
    CompletionPublic,
    SessionCompletionCreate,
)
from bangkom.training.entrypoints.api.schemas.enrolments import (
    CancellationCreate,
    CancellationPublic,
    EnrolmentCreate,
    EnrolmentPublic,
    EnrolmentsPublic,
    PlacementsCreate,
    PlacementsPublic,
    RequestPublic,
    RequestsPublic,
)
from bangkom.training.handlers import commands, queries

router = ServiceRouter(tags=["enrolments"])


@router.post(
    "/enrolments",
    status_code=status.HTTP_201_CREATED,
    summary="Enrol an employee of your agencies: a seat while one is free, else the waitlist",
    description=(
        "One enrolment per person per session, and one per course at a time. Refused (409) "
        "outside the session's enrolment window, when the prerequisites are not completed "
        "or the employee is no longer active."
    ),
    responses=error_responses(403, 404, 409, 422),
)
async def enrol(body: EnrolmentCreate, caller: CallerDep, bus: BusDep) -> EnrolmentPublic:
    enrolment = await bus.handle(
        commands.EnrolEmployee(caller=caller, session_code=body.session_code, nip=body.nip)
    )
    return EnrolmentPublic.of(enrolment)


@router.get(
    "/enrolments",
    summary="Enrolments of your agencies' employees (employees: their own)",
    responses=error_responses(422),
)
async def search_enrolments(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    nip: Annotated[NipStr | None, Query()] = None,
    session_code: Annotated[str | None, Query(max_length=64)] = None,
    course_code: Annotated[str | None, Query(max_length=64)] = None,
    status: EnrolmentStatus | None = None,
) -> EnrolmentsPublic:
    async with bus.uow_factory() as uow:
        page = await queries.search_enrolments(
            uow,
            caller,
            nip=nip,
            session_code=session_code,
            course_code=course_code,
            status=status.value if status else None,
            limit=paging.limit,
            offset=paging.offset,
        )
    return EnrolmentsPublic.counted([EnrolmentPublic.of(e) for e in page.items], paging, page.total)


@router.get(
    "/enrolments/{enrolment_id}", summary="One enrolment", responses=error_responses(404, 422)
)
async def get_enrolment(enrolment_id: IdPath, caller: CallerDep, bus: BusDep) -> EnrolmentPublic:
    async with bus.uow_factory() as uow:
        return EnrolmentPublic.of(await queries.get_enrolment(uow, caller, enrolment_id))


@router.post(
    "/enrolments/{enrolment_id}/cancellation",
    summary="Cancel an enrolment; a freed seat goes to the first on the waitlist",
    responses=error_responses(403, 404, 409, 422),
)
async def cancel(
    enrolment_id: IdPath, body: CancellationCreate, caller: CallerDep, bus: BusDep
) -> CancellationPublic:
    cancellation = await bus.handle(
        commands.CancelEnrolment(caller=caller, enrolment_id=enrolment_id, reason=body.reason)
    )
    return CancellationPublic(
        cancelled=EnrolmentPublic.of(cancellation.cancelled),
        promoted=cancellation.promoted,
        promoted_enrolments=[EnrolmentPublic.of(e) for e in cancellation.promoted_visible],
    )


@router.post(
    "/enrolments/{enrolment_id}/completion",
    status_code=status.HTTP_201_CREATED,
    summary="Record the outcome of an enrolled participant; JP go to the ledger unless failed",
    description=(
        "Publishes CompletionRecorded (the evaluation service schedules the post-training "
        "evaluation from it). Once per enrolment, on or after the session's first day."
    ),
    responses=error_responses(403, 404, 409, 422),
)
async def complete(
    enrolment_id: IdPath, body: SessionCompletionCreate, caller: CallerDep, bus: BusDep
) -> CompletionPublic:
    completion = await bus.handle(
        commands.RecordSessionCompletion(
            caller=caller, enrolment_id=enrolment_id, **body.model_dump()
        )
    )
    return CompletionPublic.of(completion)


@router.get(
    "/enrolment-requests",
    summary="Accepted proposals: placed, waiting for a session, or declined (with why)",
    responses=error_responses(422),
)
async def search_requests(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    status: RequestStatus | None = None,
) -> RequestsPublic:
    async with bus.uow_factory() as uow:
        page = await queries.search_requests(
            uow,
            caller,
            status=status.value if status else None,
            limit=paging.limit,
            offset=paging.offset,
        )
    return RequestsPublic.counted([RequestPublic.of(r) for r in page.items], paging, page.total)


@router.post(
    "/enrolment-requests/placements",
    summary="Place waiting accepted proposals into sessions now open (province admin, service)",
    description="Run daily, e.g. by a CronJob with a service token, for windows that opened.",
    responses=error_responses(403, 422),
)
async def place_waiting(
    caller: CallerDep, bus: BusDep, _body: PlacementsCreate | None = None
) -> PlacementsPublic:
    placed = await bus.handle(commands.PlaceWaitingRequests(caller=caller))
    return PlacementsPublic(placed=placed)
