"""Command-line import for HR offices: a file straight into the service's database,
with a progress bar and a CSV of the rejected rows."""

from __future__ import annotations

import csv
from pathlib import Path

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from bangkom.evaluation.domain.import_job import ImportJob
from bangkom.evaluation.domain.imports import ImportKind, check_header
from bangkom.evaluation.handlers.on_commands.imports import create_job, run_import
from bangkom.evaluation.handlers.ports import SpreadsheetReader
from bangkom.platform.auth import Caller, Role
from bangkom.platform.clock import utc_now
from bangkom.platform.service import Service


async def import_file(
    service: Service,
    reader: SpreadsheetReader,
    kind: ImportKind,
    path: Path,
    *,
    batch_size: int,
    errors_out: Path | None,
    operator: str,
) -> ImportJob:
    caller = Caller(subject=f"cli:{operator}", roles=frozenset({Role.SERVICE}))
    console = Console(stderr=True)
    check_header(kind, reader.header(path, path.name))
    await service.prepare()
    uow_factory = service.uow_factory
    job = await create_job(
        uow_factory,  # type: ignore[arg-type]
        kind=kind,
        filename=path.name,
        caller=caller,
        clock=utc_now,
    )
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        TextColumn("{task.completed:,} rows"),
        TextColumn("stored {task.fields[stored]:,}, rejected {task.fields[rejected]:,}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as progress:
        bar = progress.add_task(f"{kind} {path.name}", total=None, stored=0, rejected=0)

        def show(current: ImportJob) -> None:
            progress.update(
                bar,
                completed=current.rows_read,
                stored=current.rows_stored,
                rejected=current.rows_rejected,
            )

        await run_import(
            uow_factory,  # type: ignore[arg-type]
            job,
            reader.rows(path, path.name),
            caller,
            batch_size=batch_size,
            progress=show,
        )
    if errors_out is not None:
        await _write_errors(service, job, errors_out)
    await service.database.dispose()
    return job


async def _write_errors(service: Service, job: ImportJob, target: Path) -> None:
    with target.open("w", newline="", encoding="utf-8") as sink:
        writer = csv.writer(sink)
        writer.writerow(["row", "column", "reason"])
        offset = 0
        while True:
            async with service.uow_factory() as uow:
                page = await uow.imports.errors(job.id, limit=10_000, offset=offset)  # type: ignore[attr-defined]
            if not page:
                return
            writer.writerows((e.row, e.column or "", e.reason) for e in page)
            offset += len(page)
