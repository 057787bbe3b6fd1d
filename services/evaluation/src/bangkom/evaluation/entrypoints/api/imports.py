from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import File, Query, Request, Response, UploadFile, status
from pydantic import BaseModel, Field

from bangkom.evaluation.domain.import_job import ImportJob
from bangkom.evaluation.domain.imports import ImportKind, ImportStatus
from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.entrypoints.import_runner import ImportRunner
from bangkom.evaluation.handlers import queries
from bangkom.platform.auth import Caller
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.errors import NotFound
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter

router = ServiceRouter(prefix="/imports", tags=["imports"])


class ImportJobPublic(BaseModel):
    id: str
    kind: ImportKind
    filename: str
    status: ImportStatus
    rows_read: int = Field(description="Data rows read so far (the header not counted)")
    rows_stored: int = Field(description="Rows that created or changed something")
    rows_unchanged: int = Field(description="Valid rows already present (re-imports)")
    rows_rejected: int = Field(description="Rows refused; see /imports/{id}/errors")
    created_at: datetime
    finished_at: datetime | None
    failure: str | None

    @classmethod
    def of(cls, job: ImportJob) -> ImportJobPublic:
        return cls(**{k: v for k, v in job.__dict__.items() if k != "requested_by"})


class RowErrorPublic(BaseModel):
    row: int = Field(description="Row number as the spreadsheet shows it (header = 1)")
    column: str | None
    code: str = Field(
        description="Why, as a stable code: empty, nip_length, nip_birth_date, "
        "invalid_level, invalid_method, employee_not_found, agency_unknown, ..."
    )
    reason: str = Field(description="Why, for a person, in Bahasa Indonesia")


def _runner(request: Request) -> ImportRunner:
    runner: ImportRunner = request.app.state.import_runner
    return runner


async def _job(bus: BusDep, caller: Caller, job_id: str) -> ImportJob:
    async with bus.uow_factory() as uow:
        job = await uow.imports.get(job_id)
    if job is None or not (job.requested_by == caller.subject or caller.sees_every_agency):
        raise NotFound(f"import {job_id} not found")
    return job


@router.post(
    "/{kind}",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Upload a roster or results file (CSV or XLSX); it is processed in the background",
    description=(
        "roster columns: nip, name, agency_code, position_code [, supervisor_nip, active]. "
        "results columns: nip, competency_code, level, method, evaluated_at "
        "[, assessor, evidence]. Poll the job at the Location header; rejected rows are "
        "listed with their row number, column and reason. Importing the same file again "
        "changes nothing."
    ),
)
async def upload(
    kind: ImportKind,
    file: Annotated[UploadFile, File(description="A .csv (comma or semicolon) or .xlsx file")],
    request: Request,
    response: Response,
    caller: CallerDep,
) -> ImportJobPublic:
    job = await _runner(request).submit(kind, file.filename or "upload", file.file, caller)
    response.headers["Location"] = f"/imports/{job.id}"
    return ImportJobPublic.of(job)


@router.get("", summary="Your imports, newest first (an administrator sees everyone's)")
async def list_imports(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    statuses: Annotated[
        list[ImportStatus] | None,
        Query(alias="status", description="Only these (repeat: status=queued&status=running)"),
    ] = None,
) -> Page[ImportJobPublic]:
    async with bus.uow_factory() as uow:
        jobs = await queries.list_imports(
            uow, caller, statuses=statuses or [], limit=paging.fetch_limit, offset=paging.offset
        )
    return Page[ImportJobPublic].fetched([ImportJobPublic.of(job) for job in jobs], paging)


@router.get("/{job_id}", summary="Progress and outcome of an import")
async def get_job(job_id: str, caller: CallerDep, bus: BusDep) -> ImportJobPublic:
    return ImportJobPublic.of(await _job(bus, caller, job_id))


@router.get("/{job_id}/errors", summary="Rejected rows of an import, by row number")
async def job_errors(
    job_id: str,
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
) -> Page[RowErrorPublic]:
    await _job(bus, caller, job_id)
    async with bus.uow_factory() as uow:
        errors = await uow.imports.errors(job_id, limit=paging.fetch_limit, offset=paging.offset)
    return Page[RowErrorPublic].fetched(
        [RowErrorPublic(row=e.row, column=e.column, code=e.code, reason=e.reason) for e in errors],
        paging,
    )
