"""Runs uploaded imports in the background so that the caller can poll the job, and
resumes the ones cut short.

An upload is spooled as ``<job id><suffix>`` before the job is queued (and answered
202), so that the file outlives the process: a job cut short by a kill -9, a restart or
an unavailable database stays queued or running with the progress of its committed
batches, and ``resume`` (a background worker) takes it up again after them, with the
rights of who asked. One process runs a job at a time (``hold``: on PostgreSQL a lock
that dies with its holder). A job whose file this host spooled but no longer has (the
spool directory was lost) is marked interrupted: it must be uploaded again.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import BinaryIO

from bangkom.evaluation.domain.import_job import ImportJob
from bangkom.evaluation.domain.imports import (
    ImportKind,
    ImportStatus,
    InvalidFile,
    check_filename,
    check_header,
)
from bangkom.evaluation.handlers.on_commands.imports import create_job, run_import
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork, SpreadsheetReader
from bangkom.platform.auth import Caller, Role
from bangkom.platform.clock import utc_now
from bangkom.platform.db.errors import is_database_unavailable
from bangkom.platform.observability.logs import get_logger
from bangkom.platform.observability.metrics import IMPORT_JOBS_FINISHED
from bangkom.platform.workers import pause

log = get_logger(__name__)

# How often unfinished jobs are looked for (after a start, a database outage).
RESUME_INTERVAL_S = 5.0
Hold = Callable[[str], AbstractAsyncContextManager[bool]]


@contextlib.asynccontextmanager
async def _in_process(name: str) -> AsyncIterator[bool]:
    yield True


class ImportRunner:
    def __init__(
        self,
        uow_factory: Callable[[], EvaluationUnitOfWork],
        reader: SpreadsheetReader,
        spool_dir: Path,
        batch_size: int,
        *,
        hold: Hold = _in_process,
        host: str | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._reader = reader
        self._spool_dir = spool_dir
        self._batch_size = batch_size
        self._hold = hold
        self._host = host or socket.gethostname()
        self._running: dict[str, asyncio.Task[None]] = {}
        # At 0 before the first import ends: increase() sees no rise in a counter whose
        # first sample is already 1 (the first failed import would not alert).
        for kind in ImportKind:
            for status in (ImportStatus.DONE, ImportStatus.FAILED):
                IMPORT_JOBS_FINISHED.labels(kind.value, status.value)

    async def submit(
        self, kind: ImportKind, filename: str, upload: BinaryIO, caller: Caller
    ) -> ImportJob:
        """Spool the upload, check its header (InvalidFile: nothing is queued), queue it."""
        suffix = check_filename(filename)
        job_id = str(uuid.uuid4())
        await asyncio.to_thread(self._spool_dir.mkdir, parents=True, exist_ok=True)
        spooled = self._spool_dir / f"{job_id}{suffix}"
        await asyncio.to_thread(_copy, upload, spooled)
        try:
            check_header(kind, await asyncio.to_thread(self._reader.header, spooled, filename))
        except InvalidFile:
            await asyncio.to_thread(spooled.unlink, missing_ok=True)
            raise
        job = await create_job(
            self._uow_factory,
            kind=kind,
            filename=filename,
            caller=caller,
            clock=utc_now,
            job_id=job_id,
            spooled_on=self._host,
        )
        self._start(job, spooled)
        return job

    def _start(self, job: ImportJob, path: Path) -> None:
        task = asyncio.create_task(self._run(job, path), name=f"import-{job.id}")
        self._running[job.id] = task
        task.add_done_callback(lambda _: self._running.pop(job.id, None))

    async def _run(self, job: ImportJob, path: Path) -> None:
        async with self._hold(f"import:{job.id}") as mine:
            if not mine:
                return  # another process runs it
            async with self._uow_factory() as uow:
                current = await uow.imports.get(job.id)  # its progress as committed
            if current is None or current.finished:
                return
            if current.rows_read:
                log.info("import resumed", job=job.id, after_rows=current.rows_read)
            try:
                await run_import(
                    self._uow_factory,
                    current,
                    self._reader.rows(path, current.filename),
                    _requester(current),
                    batch_size=self._batch_size,
                )
                log.info(
                    "import finished",
                    job=job.id,
                    read=current.rows_read,
                    rejected=current.rows_rejected,
                )
            except Exception as exc:
                if is_database_unavailable(exc):
                    log.warning("import paused: the database is unavailable", job=job.id)
                    return  # the file stays: resume() takes the job up again
                log.exception("import failed", job=job.id)
            IMPORT_JOBS_FINISHED.labels(current.kind.value, current.status.value).inc()
            await asyncio.to_thread(path.unlink, missing_ok=True)

    async def resume(self, stop: asyncio.Event) -> None:
        """A worker: take up the jobs cut short, now and every few seconds, until
        stopped; then cancel the imports still running (their progress is kept)."""
        try:
            while not stop.is_set():
                await self.resume_once()
                if await pause(stop, RESUME_INTERVAL_S):
                    break
        finally:
            running = list(self._running.values())
            for task in running:
                task.cancel()
            await asyncio.gather(*running, return_exceptions=True)

    async def resume_once(self) -> None:
        async with self._uow_factory() as uow:
            unfinished = await uow.imports.unfinished()
        for job in unfinished:
            if job.id in self._running:
                continue
            path = await asyncio.to_thread(self._spooled, job.id)
            if not job.requester_roles:  # queued before imports kept who asked
                await self._interrupt(job, "cut short before imports could resume; upload again")
            elif path is not None:
                self._start(job, path)
            elif job.spooled_on == self._host:
                await self._interrupt(
                    job, "the uploaded file is gone (spool directory lost); upload it again"
                )

    def _spooled(self, job_id: str) -> Path | None:
        return next(iter(sorted(self._spool_dir.glob(f"{job_id}.*"))), None)

    async def _interrupt(self, job: ImportJob, reason: str) -> None:
        """A job nobody can finish: it says why, and must be uploaded again."""
        async with self._hold(f"import:{job.id}") as mine:
            if not mine:
                return
            async with self._uow_factory() as uow:
                current = await uow.imports.get(job.id)
                if current is None or current.finished:
                    return
                current.status = ImportStatus.INTERRUPTED
                current.finished_at = utc_now()
                current.failure = reason
                await uow.imports.save(current)
                await uow.commit()
            IMPORT_JOBS_FINISHED.labels(current.kind.value, current.status.value).inc()
            log.warning("import interrupted", job=job.id, reason=reason)


def _requester(job: ImportJob) -> Caller:
    return Caller(
        subject=job.requested_by,
        roles=frozenset(Role(r) for r in job.requester_roles),
        agencies=frozenset(job.requester_agencies),
    )


def _copy(source: BinaryIO, target: Path) -> None:
    with target.open("wb") as sink:
        shutil.copyfileobj(source, sink, length=1024 * 1024)
