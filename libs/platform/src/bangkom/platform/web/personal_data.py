"""GET /personal-data/{nip}: everything this service holds about one employee (UU
27/2022, the data subject's right of access). Every table of the service with a ``nip``
column is read, so that a new table holding a person's data is included without
another line here (tests/unit/test_personal_data.py keeps other NIP columns out), and
the audit entries about them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, Field
from sqlalchemy import MetaData, Table, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.auth.caller import Role
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.catalog.types import NipStr
from bangkom.platform.db.audit_log import audit_log
from bangkom.platform.db.reads import fetch_rows
from bangkom.platform.errors import AccessDenied
from bangkom.platform.web.routing import ServiceRouter


def personal_tables(metadata: MetaData) -> list[Table]:
    """The service's tables that hold rows about one employee, keyed by ``nip``."""
    return [table for table in metadata.sorted_tables if "nip" in table.c]


class PersonalDataPublic(BaseModel):
    service: str
    nip: str
    tables: dict[str, list[dict[str, Any]]] = Field(
        description="Each table with rows about the employee, as stored"
    )


async def collect(session: AsyncSession, tables: list[Table], nip: str) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for table in [*tables, audit_log]:
        key = table.c.object_key if table is audit_log else table.c.nip
        rows = await fetch_rows(session, select(table).where(key == nip))
        found[table.name] = [jsonable_encoder(dict(row._mapping)) for row in rows]
    return found


def personal_data_router() -> ServiceRouter:
    router = ServiceRouter(tags=["personal data"])

    @router.get(
        "/personal-data/{nip}",
        summary="Everything this service holds about one employee",
        description="For the employee themself (and province administrators answering a "
        "request on their behalf).",
    )
    async def personal_data(
        request: Request, nip: Annotated[NipStr, Path()], caller: CallerDep
    ) -> PersonalDataPublic:
        if caller.nip != nip and not caller.has_any(Role.PROVINCE_ADMIN):
            raise AccessDenied("personal data is given to the person it is about")
        state = request.app.state
        async with state.database.sessions() as session:
            tables = await collect(session, state.personal_tables, nip)
        return PersonalDataPublic(service=state.service_name, nip=nip, tables=tables)

    return router
