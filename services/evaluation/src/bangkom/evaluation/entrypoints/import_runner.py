"""Runs uploaded imports in the background so that the caller can poll the job."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from collections.abc import Callable
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
from bangkom.platform.auth import Caller
from bangkom.platform.clock import utc_now
from bangkom.platform.observability.logs import get_logger
from bangkom.platform.observability.metrics import IMPORT_JOBS_FINISHED

log = get_logger(__name__)


class ImportRunner:
    def __init__(
        self,
        uow_factory: Callable[[], EvaluationUnitOfWork],
        reader: SpreadsheetReader,
        spool_dir: Path,
        batch_size: int,
    ) -> None:
        self._uow_factory = uow_factory
        self._reader = reader
        self._spool_dir = spool_dir
        self._batch_size = batch_size
        self._running: set[asyncio.Task[None]] = set()
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
        await asyncio.to_thread(self._spool_dir.mkdir, parents=True, exist_ok=True)
        spooled = self._spool_dir / f"{uuid.uuid4()}{suffix}"
        await asyncio.to_thread(_copy, upload, spooled)
        try:
            check_header(kind, await asyncio.to_thread(self._reader.header, spooled, filename))
        except InvalidFile:
            await asyncio.to_thread(spooled.unlink, missing_ok=True)
            raise
        job = await create_job(
            self._uow_factory, kind=kind, filename=filename, caller=caller, clock=utc_now
        )
        task = asyncio.create_task(self._run(job, spooled, caller), name=f"import-{job.id}")
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        return job

    async def _run(self, job: ImportJob, path: Path, caller: Caller) -> None:
        try:
            await run_import(
                self._uow_factory,
                job,
                self._reader.rows(path, job.filename),
                caller,
                batch_size=self._batch_size,
            )
            log.info("import finished", job=job.id, read=job.rows_read, rejected=job.rows_rejected)
        except Exception:
            log.exception("import failed", job=job.id)
        finally:
            IMPORT_JOBS_FINISHED.labels(job.kind.value, job.status.value).inc()
            await asyncio.to_thread(path.unlink, missing_ok=True)


def _copy(source: BinaryIO, target: Path) -> None:
    with target.open("wb") as sink:
        shutil.copyfileobj(source, sink, length=1024 * 1024)
