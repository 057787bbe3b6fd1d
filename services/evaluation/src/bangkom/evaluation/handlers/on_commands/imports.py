"""Imports of the roster and of assessment results, batch by batch.

Each batch is its own transaction: valid rows are stored with their events (one
ResultsRecorded per employee and batch, so that gaps are recalculated once),
every rejected row is reported with its row number, column and reason, and the
job's progress is committed with them, so a caller polling the job sees it move.
A re-import changes nothing: employees are upserted by NIP and results by their
natural key (NIP, competency, method, evaluated_at). A job cut short (the process
killed, the database restarted) keeps its committed batches and its progress, and
resumes after them (``resume_after``), with the rights of who asked: the job stays
queued or running until then, never failed for the infrastructure's fault.
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import datetime

from bangkom.evaluation.domain.import_job import ImportJob
from bangkom.evaluation.domain.imports import (
    IMPORT_BATCH_SIZE,
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
from bangkom.evaluation.handlers.on_commands.results import audit_results
from bangkom.evaluation.handlers.on_commands.roster import register_employee
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.evaluation.handlers.publishing import results_recorded
from bangkom.platform.auth import Caller
from bangkom.platform.catalog import PreparedEvent
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.db.errors import is_database_unavailable
from bangkom.platform.errors import ServiceError
from bangkom.platform.ids import random_uuids

Rows = Iterable[tuple[int, dict[str, str] | RowError]]
UowFactory = Callable[[], EvaluationUnitOfWork]
Progress = Callable[[ImportJob], None]


async def create_job(
    uow_factory: UowFactory,
    *,
    kind: ImportKind,
    filename: str,
    caller: Caller,
    clock: Clock,
    job_id: str | None = None,
    spooled_on: str | None = None,
) -> ImportJob:
    job = ImportJob(
        id=job_id or str(uuid.uuid4()),
        kind=kind,
        filename=filename,
        requested_by=caller.subject,
        status=ImportStatus.QUEUED,
        created_at=clock(),
        requester_roles=tuple(sorted(caller.roles)),
        requester_agencies=tuple(sorted(caller.agencies)),
        spooled_on=spooled_on,
    )
    async with uow_factory() as uow:
        uow.act_for(caller)
        await uow.imports.add(job)
        uow.audit("start_import", "import_job", job.id, after=job)
        await uow.commit()
    return job


async def run_import(
    uow_factory: UowFactory,
    job: ImportJob,
    rows: Rows,
    caller: Caller,
    *,
    clock: Clock = utc_now,
    batch_size: int = IMPORT_BATCH_SIZE,
    progress: Progress | None = None,
) -> ImportJob:
    """Batches are stored one after the other, each while the next is read and checked:
    the database works on one while Python works on the other. The job's committed
    rows (``job.rows_read``) are skipped: a job cut short resumes after them.

    An unavailable database (see is_database_unavailable) stops the import where its
    last batch committed, without failing the job: it resumes from there."""
    rows = itertools.islice(rows, job.rows_read, None)
    job.status = ImportStatus.RUNNING
    results = job.kind is ImportKind.RESULTS
    parse_one = _result_parser(clock()) if results else _roster_parser(clock())
    check = _check_results if results else _check_roster
    store = _store_results if results else _store_roster
    storing: asyncio.Task[None] | None = None

    async def stored(batch: asyncio.Task[None]) -> None:
        await batch
        if progress is not None:
            progress(job)

    cut_short = False
    try:
        async for tally, parsed in _batches(rows, parse_one, batch_size):
            checked = await check(uow_factory, tally, parsed, caller)
            if storing is not None:
                await stored(storing)
            storing = asyncio.create_task(store(uow_factory, job, tally, checked, caller, clock))
        if storing is not None:
            await stored(storing)
        job.finish(clock())
    except Exception as exc:
        if storing is not None:
            with suppress(Exception):
                await storing  # the batch in flight ends as it would have
        if is_database_unavailable(exc):
            cut_short = True  # what committed is the job's progress: it resumes there
            raise
        job.finish(clock(), failure=f"{type(exc).__name__}: {exc}")
        raise
    finally:
        if storing is not None and not storing.done():
            storing.cancel()  # the import was cancelled: so is the batch in flight
            with suppress(BaseException):
                await storing
        if not cut_short:
            async with uow_factory() as uow:
                await uow.imports.save(job)
                await uow.commit()
    return job


# Rows checked between two turns of the event loop, in which the batch being stored
# moves on (its next statement sent, its reply read).
ROWS_PER_TURN = 250


async def _batches(
    rows: Rows, parse_one: Callable[[int, dict[str, str]], object], batch_size: int
) -> AsyncIterator[tuple[ImportTally, list[object]]]:
    tally, batch = ImportTally(), []
    for number, values in rows:
        tally.read += 1
        if isinstance(values, RowError):
            tally.reject(values)
        else:
            try:
                batch.append(parse_one(number, values))
            except RowRejected as rejected:
                tally.reject(RowError(number, rejected.column, rejected.code, rejected.reason))
        if tally.read >= batch_size:
            yield tally, batch
            tally, batch = ImportTally(), []
        elif tally.read % ROWS_PER_TURN == 0:
            await asyncio.sleep(0)
    if tally.read:
        yield tally, batch


def _result_parser(now: datetime) -> Callable[[int, dict[str, str]], object]:
    return lambda number, values: result_row(number, values, now=now)


def _roster_parser(now: datetime) -> Callable[[int, dict[str, str]], object]:
    today = now.date()
    return lambda number, values: roster_row(number, values, today=today)


@dataclass(frozen=True)
class _CheckedResults:
    """A batch's results ready to store, and their events for when all of them are new."""

    results: list[AssessmentResult]
    agencies: dict[str, str]
    events: list[PreparedEvent]


async def _check_results(
    uow_factory: UowFactory, tally: ImportTally, batch: list[object], caller: Caller
) -> _CheckedResults:
    """Outside the storing transaction, so that it overlaps the previous batch's."""
    async with uow_factory() as uow:
        agencies = await uow.employees.agencies_of(r.nip for r in batch if isinstance(r, ResultRow))
    in_scope = {agency: caller.may_manage_agency(agency) for agency in set(agencies.values())}
    results: list[AssessmentResult] = []
    ids = iter(random_uuids(len(batch)))
    for row in batch:
        assert isinstance(row, ResultRow)
        agency = agencies.get(row.nip)
        if agency is None or not in_scope[agency]:
            tally.reject(
                RowError(row.row, "nip", "employee_not_found", f"pegawai {row.nip} tidak ditemukan")
            )
            continue
        results.append(
            AssessmentResult(
                id=next(ids),
                nip=row.nip,
                competency_code=row.competency_code,
                level=row.level,
                method=row.method,
                evaluated_at=row.evaluated_at,
                assessor=row.assessor,
                evidence=row.evidence,
            )
        )
    return _CheckedResults(results, agencies, _events(results, agencies))


def _events(results: list[AssessmentResult], agencies: dict[str, str]) -> list[PreparedEvent]:
    """One ResultsRecorded per employee, so that their gaps are recalculated once."""
    by_employee: dict[str, list[AssessmentResult]] = {}
    for result in results:
        by_employee.setdefault(result.nip, []).append(result)
    return [results_recorded(nip, agencies[nip], mine) for nip, mine in by_employee.items()]


async def _store_results(
    uow_factory: UowFactory,
    job: ImportJob,
    tally: ImportTally,
    checked: object,
    caller: Caller,
    clock: Clock,
) -> None:
    assert isinstance(checked, _CheckedResults)
    async with uow_factory() as uow:
        uow.act_for(caller)
        stored = await uow.results.add_many(checked.results)
        new_only = len(stored) == len(checked.results)
        for event in checked.events if new_only else _events(stored, checked.agencies):
            uow.publish(event)
        audit_results(uow, stored, checked.agencies)
        tally.stored += len(stored)
        tally.unchanged += len(checked.results) - len(stored)
        await _commit(uow, job, tally)


async def _check_roster(
    uow_factory: UowFactory, tally: ImportTally, batch: list[object], caller: Caller
) -> list[object]:
    return batch  # checked against the agencies and positions as it is stored


async def _store_roster(
    uow_factory: UowFactory,
    job: ImportJob,
    tally: ImportTally,
    batch: object,
    caller: Caller,
    clock: Clock,
) -> None:
    assert isinstance(batch, list)
    async with uow_factory() as uow:
        uow.act_for(caller)  # each employee registered is audited as the requester's
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
                tally.reject(RowError(row.row, exc.field, exc.code, str(exc)))
                continue
            if before is not None and after.changed_at == before.changed_at:
                tally.unchanged += 1
            else:
                tally.stored += 1
        await _commit(uow, job, tally)


async def _commit(uow: EvaluationUnitOfWork, job: ImportJob, tally: ImportTally) -> None:
    """The batch with the job's progress and its rejected rows; the job counts the batch
    once it is committed, so that one rolled back is not counted when the job is saved."""
    progressed = replace(job)
    progressed.count(tally)
    await uow.imports.save(progressed)
    await uow.imports.add_errors(job.id, tally.errors)
    await uow.commit()
    job.count(tally)
