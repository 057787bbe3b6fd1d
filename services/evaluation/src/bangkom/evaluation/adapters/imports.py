"""Import jobs and the rows they refused, on SQL."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import insert
from sqlmodel import col, select

from bangkom.evaluation.adapters.repository import SqlRepository
from bangkom.evaluation.adapters.tables import (
    ImportErrorRow,
    ImportJobRow,
)
from bangkom.evaluation.domain.import_job import ImportJob
from bangkom.evaluation.domain.imports import ImportKind, ImportStatus, RowError


class SqlImportJobRepository(SqlRepository):
    async def add(self, job: ImportJob) -> None:
        self._session.add(_row(job))

    async def get(self, job_id: str) -> ImportJob | None:
        row = await self._session.get(ImportJobRow, job_id)
        return None if row is None else _job(row)

    async def save(self, job: ImportJob) -> None:
        await self._session.merge(_row(job))

    async def unfinished(self) -> list[ImportJob]:
        rows = await self._session.exec(
            select(ImportJobRow)
            .where(col(ImportJobRow.status).in_([ImportStatus.QUEUED, ImportStatus.RUNNING]))
            .order_by(col(ImportJobRow.created_at))
        )
        return [_job(row) for row in rows]

    async def listed(
        self,
        *,
        requested_by: str | None,
        statuses: Collection[ImportStatus],
        limit: int,
        offset: int,
    ) -> list[ImportJob]:
        query = select(ImportJobRow)
        if requested_by is not None:
            query = query.where(ImportJobRow.requested_by == requested_by)
        if statuses:
            query = query.where(col(ImportJobRow.status).in_(list(statuses)))
        rows = await self._session.exec(
            query.order_by(col(ImportJobRow.created_at).desc(), col(ImportJobRow.id))
            .limit(limit)
            .offset(offset)
        )
        return [_job(row) for row in rows]

    async def add_errors(self, job_id: str, errors: list[RowError]) -> None:
        if errors:
            await self._session.exec(
                insert(ImportErrorRow),
                params=[
                    {
                        "job_id": job_id,
                        "row": e.row,
                        "column": e.column,
                        "code": e.code,
                        "reason": e.reason,
                    }
                    for e in errors
                ],
            )

    async def errors(self, job_id: str, *, limit: int, offset: int) -> list[RowError]:
        rows = await self._session.exec(
            select(ImportErrorRow)
            .where(ImportErrorRow.job_id == job_id)
            .order_by(col(ImportErrorRow.row))
            .limit(limit)
            .offset(offset)
        )
        return [RowError(row.row, row.column, row.code, row.reason) for row in rows]


def _row(job: ImportJob) -> ImportJobRow:
    return ImportJobRow(
        **{
            **job.__dict__,
            "requester_roles": list(job.requester_roles),
            "requester_agencies": list(job.requester_agencies),
        }
    )


def _job(row: ImportJobRow) -> ImportJob:
    return ImportJob(
        **{
            **row.model_dump(),
            "kind": ImportKind(row.kind),
            "status": ImportStatus(row.status),
            "requester_roles": tuple(row.requester_roles),
            "requester_agencies": tuple(row.requester_agencies),
        }
    )
