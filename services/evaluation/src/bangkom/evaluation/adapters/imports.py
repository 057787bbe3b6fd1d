"""Import jobs and the rows they refused, on SQL."""

from __future__ import annotations

from sqlalchemy import insert, update
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
        self._session.add(ImportJobRow(**{**job.__dict__}))

    async def get(self, job_id: str) -> ImportJob | None:
        row = await self._session.get(ImportJobRow, job_id)
        if row is None:
            return None
        return ImportJob(
            **{
                **row.model_dump(),
                "kind": ImportKind(row.kind),
                "status": ImportStatus(row.status),
            }
        )

    async def save(self, job: ImportJob) -> None:
        await self._session.merge(ImportJobRow(**{**job.__dict__}))

    async def add_errors(self, job_id: str, errors: list[RowError]) -> None:
        if errors:
            await self._session.exec(
                insert(ImportErrorRow),
                params=[
                    {"job_id": job_id, "row": e.row, "column": e.column, "reason": e.reason}
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
        return [RowError(row.row, row.column, row.reason) for row in rows]

    async def interrupt_running(self) -> int:
        result = await self._session.exec(
            update(ImportJobRow)
            .where(col(ImportJobRow.status).in_([ImportStatus.QUEUED, ImportStatus.RUNNING]))
            .values(status=ImportStatus.INTERRUPTED.value)
        )
        return int(result.rowcount or 0)
