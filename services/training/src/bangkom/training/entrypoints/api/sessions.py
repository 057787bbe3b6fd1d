from __future__ import annotations

from typing import Annotated

from fastapi import Query

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.errors import error_responses
from bangkom.platform.web.paging import PagingDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.training.domain.enrolments import EnrolmentStatus
from bangkom.training.domain.sessions import SessionStatus
from bangkom.training.entrypoints.api.deps import BusDep
from bangkom.training.entrypoints.api.paths import CodePath
from bangkom.training.entrypoints.api.schemas.catalog import (
    SessionCreate,
    SessionPublic,
    SessionsPublic,
)
from bangkom.training.entrypoints.api.schemas.enrolments import EnrolmentPublic, EnrolmentsPublic
from bangkom.training.handlers import commands, queries

router = ServiceRouter(prefix="/sessions", tags=["sessions"])


@router.put(
    "",
    summary="Create or change a session (angkatan) of a course (province admin or service)",
    description=(
        "More seats promote people from the waitlist; fewer than the seats taken is refused "
        "(409). Opening a session places accepted proposals waiting for this course; "
        "cancelling it cancels every enrolment and puts proposals back to wait."
    ),
    responses=error_responses(403, 409, 422),
)
async def schedule_session(body: SessionCreate, caller: CallerDep, bus: BusDep) -> SessionPublic:
    roll = await bus.handle(commands.ScheduleSession(caller=caller, **body.model_dump()))
    async with bus.uow_factory() as uow:
        return SessionPublic.of(await queries.get_session(uow, roll.session.code))


@router.get("", summary="Sessions with their seats, earliest first", responses=error_responses(422))
async def search_sessions(
    _caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    course_code: Annotated[str | None, Query(max_length=64)] = None,
    status: SessionStatus | None = None,
) -> SessionsPublic:
    async with bus.uow_factory() as uow:
        page = await queries.search_sessions(
            uow,
            course_code=course_code,
            status=status.value if status else None,
            limit=paging.limit,
            offset=paging.offset,
        )
    return SessionsPublic.counted([SessionPublic.of(s) for s in page.items], paging, page.total)


@router.get("/{code}", summary="One session with its seats", responses=error_responses(404, 422))
async def get_session(code: CodePath, _caller: CallerDep, bus: BusDep) -> SessionPublic:
    async with bus.uow_factory() as uow:
        return SessionPublic.of(await queries.get_session(uow, code))


@router.get(
    "/{code}/enrolments",
    summary="Enrolments of a session in queue order (your agencies' people; your own)",
    responses=error_responses(422),
)
async def session_enrolments(
    code: CodePath,
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    status: EnrolmentStatus | None = None,
) -> EnrolmentsPublic:
    async with bus.uow_factory() as uow:
        page = await queries.search_enrolments(
            uow,
            caller,
            session_code=code,
            status=status.value if status else None,
            limit=paging.limit,
            offset=paging.offset,
        )
    return EnrolmentsPublic.counted([EnrolmentPublic.of(e) for e in page.items], paging, page.total)
