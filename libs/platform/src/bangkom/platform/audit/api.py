"""GET /audit: the service's audit trail, for whoever administers the agencies it is of."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import Query, Request
from pydantic import BaseModel, Field

from bangkom.platform.audit.reads import AuditFilter, read_audit
from bangkom.platform.auth.caller import Role
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.catalog.types import AwareDatetime
from bangkom.platform.errors import AccessDenied
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter


class ChangePublic(BaseModel):
    before: Any = None
    after: Any = None


class AuditEntryPublic(BaseModel):
    entry_id: str
    occurred_at: datetime
    action: str = Field(description="What was done, e.g. record_result, decide_proposal")
    object_type: str = Field(description="What it was done to, e.g. result, position")
    object_key: str
    agency_code: str | None = Field(description="The agency the object belongs to")
    actor_subject: str = Field(description="Who: the token's subject")
    actor_roles: list[str]
    actor_agencies: list[str]
    request_id: str = Field(description="The trace id of the request (also in the logs)")
    changes: dict[str, ChangePublic] = Field(description="Each field that changed")


def audit_router() -> ServiceRouter:
    router = ServiceRouter(tags=["audit"])

    @router.get(
        "/audit",
        summary="Who changed what and when (newest first)",
        description="Province administrators see every entry; an agency operator sees "
        "those of their agencies and the agencies below them.",
    )
    async def list_audit(
        request: Request,
        caller: CallerDep,
        paging: PagingDep,
        object_type: Annotated[str | None, Query(max_length=100)] = None,
        object_key: Annotated[str | None, Query(max_length=200)] = None,
        action: Annotated[str | None, Query(max_length=100)] = None,
        actor: Annotated[str | None, Query(max_length=200, description="Subject")] = None,
        since: Annotated[AwareDatetime | None, Query()] = None,
        until: Annotated[AwareDatetime | None, Query()] = None,
    ) -> Page[AuditEntryPublic]:
        if not caller.has_any(Role.PROVINCE_ADMIN, Role.AGENCY_OPERATOR, Role.SERVICE):
            raise AccessDenied("the audit trail is for administrators and operators")
        wanted = AuditFilter(object_type, object_key, action, actor, since, until)
        async with request.app.state.database.sessions() as session:
            entries, total = await read_audit(
                session,
                caller.agency_scope(),
                wanted,
                limit=paging.limit,
                offset=paging.offset,
            )
        return Page[AuditEntryPublic].counted(
            [AuditEntryPublic.model_validate(e) for e in entries], paging, total
        )

    return router
