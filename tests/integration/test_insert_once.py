"""``SqlUnitOfWork.insert_once``: a row and the unit of work's events and audit entries,
all or nothing, on real PostgreSQL (one statement, its own commit) and on SQLite."""

from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bangkom.platform.db.audit_log import audit_log
from bangkom.platform.db.database import Database
from bangkom.platform.db.messaging import outbox
from bangkom.platform.db.metadata import platform_metadata
from bangkom.platform.db.uow import SqlUnitOfWork
from tests.infra import database_with
from tests.integration.messaging import handled, result_event, test_metadata

KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def platform_database(kind: str, tmp_path: Path) -> AbstractAsyncContextManager[Database]:
    """A new database with the platform's tables (outbox, audit log) and ``handled``."""
    return database_with(kind, tmp_path, platform_metadata, test_metadata)


def insert_handled(database: Database) -> Any:
    insert = sqlite_insert if database.is_sqlite else pg_insert
    return (
        insert(handled)
        .values(result_id=bindparam("result_id"), times=bindparam("times"))
        .on_conflict_do_nothing(index_elements=["result_id"])
        .returning(handled.c.result_id)
    )


async def counts(database: Database) -> tuple[int, int, int]:
    """Rows of handled, the outbox and the audit log, as another connection sees them."""
    async with database.engine.connect() as connection:
        return (
            await connection.scalar(select(func.count()).select_from(handled)),
            await connection.scalar(select(func.count()).select_from(outbox)),
            await connection.scalar(select(func.count()).select_from(audit_log)),
        )  # type: ignore[return-value]


async def insert_with_effects(uow: SqlUnitOfWork, result_id: str) -> bool:
    uow.publish(result_event())
    uow.audit("count", "handled", result_id)
    return await uow.insert_once(
        insert_handled(uow._database), {"result_id": result_id, "times": 1}
    )


@pytest.mark.parametrize("kind", KINDS)
async def test_a_new_row_goes_in_with_the_events_and_audit_entries(
    kind: str, tmp_path: Path
) -> None:
    async with platform_database(kind, tmp_path) as database:
        database.outbox_written.clear()
        async with SqlUnitOfWork(database) as uow:
            assert await insert_with_effects(uow, "r-1")
            assert uow.audited  # the bus adds no entry of its own
            await uow.commit()

        assert await counts(database) == (1, 1, 1)
        assert database.outbox_written.is_set()  # the relay is woken


@pytest.mark.parametrize("kind", KINDS)
async def test_a_taken_key_writes_nothing_and_drops_the_events_and_entries(
    kind: str, tmp_path: Path
) -> None:
    async with platform_database(kind, tmp_path) as database:
        async with SqlUnitOfWork(database) as uow:
            await insert_with_effects(uow, "r-1")
            await uow.commit()

        async with SqlUnitOfWork(database) as uow:
            assert not await insert_with_effects(uow, "r-1")
            assert not uow.audited
            await uow.commit()

        assert await counts(database) == (1, 1, 1)


@pytest.mark.postgres
async def test_on_postgresql_before_any_write_it_is_the_commit(tmp_path: Path) -> None:
    async with platform_database("postgresql", tmp_path) as database:
        async with SqlUnitOfWork(database) as uow:
            await insert_with_effects(uow, "r-1")
            assert await counts(database) == (1, 1, 1)  # committed, before commit()

            uow.publish(result_event())
            with pytest.raises(RuntimeError, match="after insert_once"):
                await uow.commit()

        assert await counts(database) == (1, 1, 1)


@pytest.mark.postgres
async def test_on_postgresql_after_a_write_it_rolls_back_with_the_transaction(
    tmp_path: Path,
) -> None:
    async with platform_database("postgresql", tmp_path) as database:
        async with SqlUnitOfWork(database) as uow:
            await uow.session.exec(handled.insert().values(result_id="r-0", times=1))
            assert await insert_with_effects(uow, "r-1")
            assert await counts(database) == (0, 0, 0)  # inside the transaction
            await uow.rollback()

        assert await counts(database) == (0, 0, 0)
