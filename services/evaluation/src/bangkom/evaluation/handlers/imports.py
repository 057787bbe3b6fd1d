"""Imports of the roster and of assessment results, batch by batch.

Each batch is its own transaction: valid rows are stored with their events (one
ResultsRecorded per employee and batch, so that gaps are recalculated once),
every rejected row is reported with its row number, column and reason, and the
job's progress is committed with them, so a caller polling the job sees it move.
A re-import changes nothing: employees are upserted by NIP and results by their
natural key (NIP, competency, method, evaluated_at). A crash mid-file leaves the
committed batches; importing the file again completes it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from bangkom.evaluation.domain.import_job import ImportJob
from bangkom.evaluation.domain.imports import (
    ImportKind,
    ImportStatus,
    ImportTally,
    ResultRow,
    RosterRow,
    RowError,
    RowRejected,
    result_row,
    roster_row,
)
from bangkom.evaluation.domain.model import AssessmentResult
from bangkom.evaluation.handlers import commands
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.evaluation.handlers.publish import results_recorded
from bangkom.evaluation.handlers.roster import register_employee
from bangkom.platform.auth import Caller
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import ServiceError

Rows = Iterable[tuple[int, dict[str, str] | RowError]]
UowFactory = Callable[[], EvaluationUnitOfWork]
Progress = Callable[[ImportJob], None]
BATCH_SIZE = 5000


async def create_job(
    uow_factory: UowFactory, *, kind: ImportKind, filename: str, caller: Caller, clock: Clock
) -> ImportJob:
    job = ImportJob(
        id=str(uuid.uuid4()),
        kind=kind,
        filename=filename,
        requested_by=caller.subject,
        status=ImportStatus.QUEUED,
        created_at=clock(),
    )
    async with uow_factory() as uow:
        await uow.imports.add(job)
        await uow.commit()
    return job


async def run_import(
    uow_factory: UowFactory,
    job: ImportJob,
    rows: Rows,
    caller: Caller,
    *,
    clock: Clock = utc_now,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> ImportJob:
    job.status = ImportStatus.RUNNING
    store = _store_results if job.kind is ImportKind.RESULTS else _store_roster
    parse = _parse_results if job.kind is ImportKind.RESULTS else _parse_roster
    try:
        for tally, parsed in parse(rows, clock(), batch_size):
            await store(uow_factory, job, tally, parsed, caller, clock)
            if progress is not None:
                progress(job)
        job.finish(clock())
    except Exception as exc:
        job.finish(clock(), failure=f"{type(exc).__name__}: {exc}")
        raise
    finally:
        async with uow_factory() as uow:
            await uow.imports.save(job)
            await uow.commit()
    return job


def _batches(
    rows: Rows, parse_one: Callable[[int, dict[str, str]], object], batch_size: int
) -> Iterator[tuple[ImportTally, list[object]]]:
    tally, batch = ImportTally(), []
    for number, values in rows:
        tally.read += 1
        if isinstance(values, RowError):
            tally.reject(values)
        else:
            try:
                batch.append(parse_one(number, values))
            except RowRejected as rejected:
                tally.reject(RowError(number, rejected.column, rejected.reason))
        if tally.read >= batch_size:
            yield tally, batch
            tally, batch = ImportTally(), []
    if tally.read:
        yield tally, batch


def _parse_results(
    rows: Rows, now: datetime, batch_size: int
) -> Iterator[tuple[ImportTally, list[object]]]:
    return _batches(rows, lambda n, v: result_row(n, v, now=now), batch_size)


def _parse_roster(
    rows: Rows, now: datetime, batch_size: int
) -> Iterator[tuple[ImportTally, list[object]]]:
    return _batches(rows, lambda n, v: roster_row(n, v, today=now.date()), batch_size)


async def _store_results(
    uow_factory: UowFactory,
    job: ImportJob,
    tally: ImportTally,
    batch: list[object],
    caller: Caller,
    clock: Clock,
) -> None:
    async with uow_factory() as uow:
        agencies = await uow.employees.agencies_of(r.nip for r in batch if isinstance(r, ResultRow))
        in_scope = {agency: caller.may_manage_agency(agency) for agency in set(agencies.values())}
        results: list[AssessmentResult] = []
        for row in batch:
            assert isinstance(row, ResultRow)
            agency = agencies.get(row.nip)
            if agency is None or not in_scope[agency]:
                tally.reject(RowError(row.row, "nip", f"employee {row.nip} not found"))
                continue
            results.append(
                AssessmentResult(
                    id=str(uuid.uuid4()),
                    nip=row.nip,
                    competency_code=row.competency_code,
                    level=row.level,
                    method=row.method,
                    evaluated_at=row.evaluated_at,
                    assessor=row.assessor,
                    evidence=row.evidence,
                )
            )
        stored = await uow.results.add_many(results)
        by_employee: dict[str, list[AssessmentResult]] = {}
        for result in stored:
            by_employee.setdefault(result.nip, []).append(result)
        for nip, recorded in by_employee.items():
            uow.publish(results_recorded(nip, agencies[nip], recorded))
        tally.stored += len(stored)
        tally.unchanged += len(results) - len(stored)
        await _record(uow, job, tally)
        await uow.commit()


async def _store_roster(
    uow_factory: UowFactory,
    job: ImportJob,
    tally: ImportTally,
    batch: list[object],
    caller: Caller,
    clock: Clock,
) -> None:
    async with uow_factory() as uow:
        await uow.employees.prefetch(r.nip for r in batch if isinstance(r, RosterRow))
        for row in batch:
            assert isinstance(row, RosterRow)
            before = await uow.employees.get(row.nip)
            try:
                after = await register_employee(
                    commands.RegisterEmployee(
                        caller=caller,
                        nip=row.nip,
                        name=row.name,
                        agency_code=row.agency_code,
                        position_code=row.position_code,
                        supervisor_nip=row.supervisor_nip,
                        active=row.active,
                    ),
                    uow,
                    clock,
                )
            except ServiceError as exc:
                tally.reject(RowError(row.row, _column_of(str(exc)), str(exc)))
                continue
            if before is not None and after.changed_at == before.changed_at:
                tally.unchanged += 1
            else:
                tally.stored += 1
        await _record(uow, job, tally)
        await uow.commit()


# Which column a refusal of register_employee is about, by how its message starts.
REASON_COLUMNS = (
    ("you do not manage agency", "agency_code"),
    ("agency ", "agency_code"),
    ("position ", "position_code"),
    ("employee ", "nip"),
)


def _column_of(reason: str) -> str | None:
    return next((column for start, column in REASON_COLUMNS if reason.startswith(start)), None)


async def _record(uow: EvaluationUnitOfWork, job: ImportJob, tally: ImportTally) -> None:
    job.count(tally)
    await uow.imports.save(job)
    await uow.imports.add_errors(job.id, tally.errors)
