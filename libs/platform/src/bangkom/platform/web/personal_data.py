"""GET /personal-data/{nip}: everything this service holds about one employee (UU
27/2022, the data subject's right of access). Every table of the service with a ``nip``
column is read, so that a new table holding a person's data is included without
another line here (tests/unit/test_personal_data.py keeps other NIP columns out), and
the audit entries about them. A table that names the person another way (training's
xAPI statements: by a mailbox mapped to the NIP) is read by the criterion its service
gives when it assembles its app."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import Path, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, MetaData, Table, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.auth.caller import Role
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.catalog.types import NipStr
from bangkom.platform.db.audit_log import audit_log
from bangkom.platform.db.reads import fetch_rows
from bangkom.platform.errors import AccessDenied
from bangkom.platform.web.routing import ServiceRouter

# Which rows of a table are about the employee with this NIP.
RowsAbout = Callable[[str], ColumnElement[bool]]


def _by_nip(table: Table) -> RowsAbout:
    return lambda nip: table.c.nip == nip


def personal_tables(
    metadata: MetaData, without_nip: Mapping[str, RowsAbout] | None = None
) -> dict[Table, RowsAbout]:
    """The service's tables that hold rows about one employee, each with how its rows
    are found: by the ``nip`` column, or for the tables named in ``without_nip`` (which
    name the person another way) by the criterion given."""
    without_nip = without_nip or {}
    for name in without_nip:
        if name not in metadata.tables:
            raise ValueError(f"{name} is not a table of this service")
        if "nip" in metadata.tables[name].c:
            raise ValueError(f"{name} is read by its nip column already")
    return {
        table: without_nip.get(table.name) or _by_nip(table)
        for table in metadata.sorted_tables
        if "nip" in table.c or table.name in without_nip
    }


class PersonalDataPublic(BaseModel):
    service: str
    nip: str
    tables: dict[str, list[dict[str, Any]]] = Field(
        description="Each table with rows about the employee, as stored"
    )


async def collect(
    session: AsyncSession, tables: Mapping[Table, RowsAbout], nip: str
) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for table, rows_about in [*tables.items(), (audit_log, _audit_entries_about)]:
        rows = await fetch_rows(session, select(table).where(rows_about(nip)))
        found[table.name] = [jsonable_encoder(dict(row._mapping)) for row in rows]
    return found


def _audit_entries_about(nip: str) -> ColumnElement[bool]:
    return audit_log.c.object_key == nip


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
