"""An import cut short resumes after its committed batches (found by the fault campaign:
evaluation killed mid-import left the job queued or marked interrupted at the next start,
and the rows not yet stored of an upload answered 202 were lost).

On an embedded SQLite database with batches of 3 rows: the first process dies after its
first batch (or the database goes away), the next one takes the job up from the spooled
file, and every employee is stored and published once, with the job's counts whole."""

import asyncio
import io
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from bangkom.evaluation.adapters.spreadsheets import SpreadsheetFiles
from bangkom.evaluation.adapters.uow import SqlEvaluationUnitOfWork
from bangkom.evaluation.bootstrap import bootstrap
from bangkom.evaluation.config import EvaluationSettings
from bangkom.evaluation.domain.imports import ImportKind, RowError
from bangkom.evaluation.entrypoints.import_runner import ImportRunner
from bangkom.platform.auth import Caller, Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.catalog import EmployeeUpdated
from bangkom.platform.db.messaging import outbox
from bangkom.platform.service import Service
from tests import builders, factories
from tests.infra import wait_for

Rows = Iterator[tuple[int, dict[str, str] | RowError]]


class Killed(BaseException):
    """The process ends here: nothing after this line runs (like kill -9)."""


class DiesAfter(SpreadsheetFiles):
    """A reader whose process dies once ``rows`` rows are read."""

    def __init__(self, rows: int, error: BaseException) -> None:
        self._rows = rows
        self._error = error

    def rows(self, path: Path, filename: str) -> Rows:
        for count, row in enumerate(super().rows(path, filename)):
            if count == self._rows:
                raise self._error
            yield row


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    service = bootstrap(
        EvaluationSettings(
            database_url=f"sqlite+aiosqlite:///{tmp_path / 'evaluation.db'}",
            auth_dev_key_file=tmp_path / "dev.pem",
            import_spool_dir=tmp_path / "spool",
            import_batch_size=3,
        )
    )
    await service.prepare()
    yield service
    await service.database.dispose()


def _spool(service: Service) -> Path:
    assert isinstance(service.settings, EvaluationSettings)
    return service.settings.import_spool_dir


def _runner(service: Service, reader: SpreadsheetFiles) -> ImportRunner:
    """A process's import runner over the service's database and spool directory."""
    return ImportRunner(
        lambda: SqlEvaluationUnitOfWork(service.database), reader, _spool(service), batch_size=3
    )


async def _roster(service: Service, people: int) -> tuple[list[str], bytes]:
    token = mint_dev_token(service.settings, subject="hr", roles=[Role.PROVINCE_ADMIN])
    admin = {"Authorization": f"Bearer {token}"}
    transport = httpx.ASGITransport(app=service.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://evaluation") as client:
        agency = await builders.an_agency(client, admin)
        position = await builders.a_position(client, admin, agency)
    nips = [factories.nip() for _ in range(people)]
    lines = ["nip,name,agency_code,position_code"]
    lines += [f"{nip},Pegawai {i},{agency},{position}" for i, nip in enumerate(nips)]
    return nips, "\n".join(lines).encode()


async def _job(service: Service, job_id: str) -> dict[str, object]:
    async with SqlEvaluationUnitOfWork(service.database) as uow:
        job = await uow.imports.get(job_id)
    assert job is not None
    return job.__dict__


async def _published(service: Service) -> dict[str, int]:
    async with service.database.engine.connect() as connection:
        rows = await connection.execute(
            select(outbox.c.key, func.count())
            .where(outbox.c.type == EmployeeUpdated.TYPE)
            .group_by(outbox.c.key)
        )
        return {key: count for key, count in rows.all()}


async def _submit_and_die(
    service: Service, content: bytes, error: BaseException, after_rows: int
) -> str:
    """The first process: the upload answered (202), then the process dies mid-file."""
    first = _runner(service, DiesAfter(after_rows, error))
    caller = Caller(subject="hr", roles=frozenset({Role.PROVINCE_ADMIN}))
    job = await first.submit(ImportKind.ROSTER, "pegawai.csv", io.BytesIO(content), caller)
    await wait_for(lambda: _settled(first), what="the first process's import ended")
    return job.id


async def _settled(runner: ImportRunner) -> bool:
    await asyncio.sleep(0.05)
    return not runner._running


async def test_an_import_killed_mid_file_resumes_after_its_committed_batches(
    service: Service,
) -> None:
    nips, content = await _roster(service, people=8)
    # Rows 1-3 are the first batch, stored while rows 4-6 are read; it dies reading row 8.
    job_id = await _submit_and_die(service, content, Killed(), after_rows=7)
    cut = await _job(service, job_id)
    assert (cut["status"], cut["rows_read"]) == ("running", 3)  # one batch of 3 committed

    second = _runner(service, SpreadsheetFiles())  # the process started again
    await second.resume_once()
    await wait_for(lambda: _settled(second), what="the resumed import ended")

    done = await _job(service, job_id)
    assert (done["status"], done["rows_read"], done["rows_stored"], done["rows_rejected"]) == (
        "done",
        8,
        8,
        0,
    )
    assert await _published(service) == dict.fromkeys(nips, 1)
    assert not list(_spool(service).glob("*"))  # the upload is deleted once imported


async def test_an_import_the_database_dropped_is_not_failed_and_resumes(service: Service) -> None:
    nips, content = await _roster(service, people=7)
    unavailable = OperationalError(
        "INSERT ...", {}, ConnectionError("server closed the connection")
    )
    job_id = await _submit_and_die(service, content, unavailable, after_rows=5)
    paused = await _job(service, job_id)
    assert (paused["status"], paused["failure"], paused["rows_read"]) == ("running", None, 3)

    second = _runner(service, SpreadsheetFiles())
    await second.resume_once()
    await wait_for(lambda: _settled(second), what="the resumed import ended")

    done = await _job(service, job_id)
    assert (done["status"], done["rows_read"], done["rows_stored"]) == ("done", 7, 7)
    assert await _published(service) == dict.fromkeys(nips, 1)


async def test_an_import_whose_upload_is_gone_is_interrupted_with_the_reason(
    service: Service,
) -> None:
    _, content = await _roster(service, people=5)
    job_id = await _submit_and_die(service, content, Killed(), after_rows=4)
    for spooled in _spool(service).glob("*"):
        spooled.unlink()

    await _runner(service, SpreadsheetFiles()).resume_once()

    job = await _job(service, job_id)
    assert job["status"] == "interrupted"
    assert "upload it again" in str(job["failure"])
