"""bangkom.platform.db.locks.exclusive: one holder at a time, and a holder whose
connection ends (its process killed, its backend terminated) lets go at once, so that
another process takes the work over (an import cut short resumes elsewhere); and
try_hold_until_commit: a transaction gets the names no other holds, until it ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from bangkom.platform.db.database import Database
from bangkom.platform.db.locks import exclusive, try_hold_until_commit
from tests.infra import fresh_database, wait_for


@pytest.mark.postgres
async def test_a_lock_is_held_once_and_freed_when_its_holders_connection_ends() -> None:
    async with fresh_database() as url:
        first, second = Database(url), Database(url)  # two processes
        try:
            async with exclusive(first, "import:42") as mine:
                assert mine
                async with exclusive(second, "import:42") as theirs:
                    assert not theirs
                async with exclusive(second, "import:43") as other:
                    assert other  # another name is another lock
                async with second.engine.connect() as connection:  # the holder dies
                    await connection.execute(
                        text(
                            "SELECT pg_terminate_backend(pid) FROM pg_locks "
                            "WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid() "
                            "AND database = (SELECT oid FROM pg_database "
                            "WHERE datname = current_database())"
                        )
                    )

                async def free() -> bool:  # the terminated backend ends a moment later
                    async with exclusive(second, "import:42") as taken_over:
                        return taken_over

                assert await wait_for(free, deadline_s=10, what="the lock taken over")
        finally:
            await first.dispose()
            await second.dispose()


async def test_on_sqlite_a_name_is_held_once_in_the_process(tmp_path: Path) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'one.db'}")
    try:
        async with exclusive(database, "import:42") as mine:
            assert mine
            async with exclusive(database, "import:42") as again:
                assert not again
        async with exclusive(database, "import:42") as later:
            assert later
    finally:
        await database.dispose()


@pytest.mark.postgres
async def test_a_transaction_is_given_the_locks_no_other_holds_until_it_ends() -> None:
    async with fresh_database() as url:
        database = Database(url)
        try:
            async with database.sessions() as first, database.sessions() as second:
                assert await try_hold_until_commit(first, "agency:A", "agency:B") == {
                    "agency:A",
                    "agency:B",
                }
                assert await try_hold_until_commit(second, "agency:B", "agency:C") == {"agency:C"}
                await first.commit()
                assert await try_hold_until_commit(second, "agency:A", "agency:B") == {
                    "agency:A",
                    "agency:B",
                }
                await second.rollback()
        finally:
            await database.dispose()


async def test_on_sqlite_every_lock_is_given(tmp_path: Path) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'one.db'}")
    try:
        async with database.sessions() as session:
            assert await try_hold_until_commit(session, "agency:A") == {"agency:A"}
    finally:
        await database.dispose()
