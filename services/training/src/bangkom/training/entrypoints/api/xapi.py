"""xAPI 1.0.3: a Learning Record Store for completions (statements in, with HTTP Basic
credentials of a registered platform), and the bearer-token routes that register
platforms, map activities to courses and mailboxes to employees."""

from __future__ import annotations

import re
import uuid
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Response, status
from fastapi.security import HTTPBasic, HTTPBasicCredentials

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.errors import ServiceError
from bangkom.platform.web.errors import error_responses
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.training.domain.xapi import LearningPlatform, StatementStatus
from bangkom.training.entrypoints.api.deps import BusDep, ClockDep
from bangkom.training.entrypoints.api.schemas.xapi import (
    ActivityMapping,
    ActorRegistration,
    MappingPublic,
    PlatformCreate,
    PlatformPublic,
    ReceivedStatementPublic,
    StatementIn,
    StatementsIn,
)
from bangkom.training.handlers import commands, xapi_queries

router = ServiceRouter(prefix="/xapi", tags=["xAPI"])

VERSION = "1.0.3"
VERSION_HEADER = "X-Experience-API-Version"
_SUPPORTED = re.compile(r"^1\.0(\.\d{1,3})?$")
_basic = HTTPBasic(auto_error=False, realm="bangkom xAPI")


class PlatformRefused(HTTPException):
    code = "invalid_platform_credentials"

    def __init__(self) -> None:
        super().__init__(
            status.HTTP_401_UNAUTHORIZED,
            "kredensial HTTP Basic platform pembelajaran yang terdaftar diperlukan",
            headers={"WWW-Authenticate": 'Basic realm="bangkom xAPI"'},
        )


async def sending_platform(
    credentials: Annotated[HTTPBasicCredentials | None, Depends(_basic)], bus: BusDep
) -> LearningPlatform:
    if credentials is None:
        raise PlatformRefused()
    async with bus.uow_factory() as uow:
        platform = await xapi_queries.authenticated_platform(
            uow, credentials.username, credentials.password
        )
    if platform is None:
        raise PlatformRefused()
    return platform


async def xapi_version(
    response: Response,
    version: Annotated[
        str | None, Header(alias=VERSION_HEADER, max_length=20, description="1.0.x")
    ] = None,
) -> None:
    """xAPI requires the header on every request (400 without it) and sends its own."""
    if version is None or not _SUPPORTED.match(version):
        raise ServiceError(
            f"header {VERSION_HEADER} must name xAPI 1.0.x, got {version!r}",
            field=f"header.{VERSION_HEADER}",
        )
    response.headers[VERSION_HEADER] = VERSION


PlatformDep = Annotated[LearningPlatform, Depends(sending_platform)]
LRS_DEPENDENCIES = [Depends(xapi_version)]
LRS_ERRORS = error_responses(400, 409, 422)


@router.post(
    "/statements",
    summary="Store one statement or a batch (all or none)",
    dependencies=LRS_DEPENDENCIES,
    responses=LRS_ERRORS,
)
async def store_statements(
    body: StatementsIn, platform: PlatformDep, bus: BusDep, clock: ClockDep
) -> list[str]:
    now = clock()
    statements = [s.to_domain(str(s.id or uuid.uuid4()), now) for s in body.statements()]
    ids: list[str] = await bus.handle(
        commands.StoreStatements(platform_code=platform.code, statements=statements)
    )
    return ids


@router.put(
    "/statements",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Store one statement under the id given",
    dependencies=LRS_DEPENDENCIES,
    responses=LRS_ERRORS,
)
async def put_statement(
    body: StatementIn,
    statement_id: Annotated[uuid.UUID, Query(alias="statementId")],
    platform: PlatformDep,
    bus: BusDep,
    clock: ClockDep,
) -> Response:
    if body.id is not None and body.id != statement_id:
        raise ServiceError(f"the statement's id is not statementId {statement_id}", field="id")
    await bus.handle(
        commands.StoreStatements(
            platform_code=platform.code,
            statements=[body.to_domain(str(statement_id), clock())],
        )
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT, headers={VERSION_HEADER: VERSION})


@router.post(
    "/platforms",
    status_code=status.HTTP_201_CREATED,
    summary="Register a learning platform (or give it a new secret)",
)
async def register_platform(body: PlatformCreate, caller: CallerDep, bus: BusDep) -> PlatformPublic:
    platform, secret = await bus.handle(
        commands.RegisterLearningPlatform(caller=caller, code=body.code, name=body.name)
    )
    return PlatformPublic(
        code=platform.code, name=platform.name, registered_at=platform.registered_at, secret=secret
    )


@router.put(
    "/activities",
    summary="Map an xAPI activity to a catalog course; waiting statements are applied",
    responses=error_responses(409),
)
async def map_activity(body: ActivityMapping, caller: CallerDep, bus: BusDep) -> MappingPublic:
    applied = await bus.handle(
        commands.MapActivity(
            caller=caller, activity_id=body.activity_id, course_code=body.course_code
        )
    )
    return MappingPublic(applied=applied)


@router.put(
    "/actors",
    summary="Register an employee's mailbox; waiting statements are applied",
    responses=error_responses(404, 409),
)
async def register_actor(body: ActorRegistration, caller: CallerDep, bus: BusDep) -> MappingPublic:
    applied = await bus.handle(commands.RegisterActor(caller=caller, mbox=body.mbox, nip=body.nip))
    return MappingPublic(applied=applied)


@router.get("/received", summary="Statements as received, the newest first")
async def received_statements(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    status_: Annotated[StatementStatus | None, Query(alias="status")] = None,
) -> Page[ReceivedStatementPublic]:
    async with bus.uow_factory() as uow:
        found = await xapi_queries.received_statements(
            uow, caller, status_, limit=paging.fetch_limit, offset=paging.offset
        )
    return Page[ReceivedStatementPublic].fetched(
        [ReceivedStatementPublic.of(s) for s in found], paging
    )
