"""A BatchedRead answers each reader with its key's rows from one statement per turn of
the event loop; an error reaches every reader of that statement, and a reader that goes
away takes nobody's answer with it."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from asyncpg.exceptions import CharacterNotInRepertoireError
from sqlalchemy import column, select

from bangkom.platform.db.batched import MOST_KEYS, BatchedRead
from bangkom.platform.db.lists import LISTED
from bangkom.platform.db.plain import PlainRead

ROWS = [("a", 1), ("a", 2), ("b", 3)]


class Statements:
    def __init__(self, error: Exception | None = None, refused: str | None = None) -> None:
        self.keys: list[list[str]] = []
        self.asked = asyncio.Event()
        self.release = asyncio.Event()
        self.release.set()
        self._error = error
        self._refused = refused  # a key the database refuses, failing its statement

    async def rows(self, _database: Any, **params: Any) -> list[Any]:
        """Stands in for PlainRead.rows, set on the class: called without the read."""
        wanted = params[LISTED]
        self.keys.append(wanted)
        self.asked.set()
        await self.release.wait()
        if self._error is not None:
            raise self._error
        if self._refused in wanted:
            raise CharacterNotInRepertoireError("invalid byte sequence for encoding UTF8: 0x00")
        return [row for row in ROWS if row[0] in wanted]


def _read(monkeypatch: pytest.MonkeyPatch, statements: Statements) -> BatchedRead:
    monkeypatch.setattr(PlainRead, "rows", statements.rows)
    return BatchedRead(object(), lambda _: select(column("key")), key=lambda row: row[0])  # type: ignore[arg-type]


async def test_readers_together_share_one_statement(monkeypatch: pytest.MonkeyPatch) -> None:
    statements = Statements()
    read = _read(monkeypatch, statements)
    answers = await asyncio.gather(read.rows("a"), read.rows("b"), read.rows("c"), read.rows("a"))
    assert answers == [[("a", 1), ("a", 2)], [("b", 3)], [], [("a", 1), ("a", 2)]]
    assert statements.keys == [["a", "b", "c"]]
    assert await read.rows("b") == [("b", 3)]  # alone, later: a statement of its own
    assert statements.keys[1:] == [["b"]]


async def test_no_statement_holds_more_than_the_most_keys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    statements = Statements()
    read = _read(monkeypatch, statements)
    await asyncio.gather(*(read.rows(str(k)) for k in range(MOST_KEYS + 1)))
    assert [len(keys) for keys in statements.keys] == [MOST_KEYS, 1]


async def test_the_database_going_away_reaches_every_reader_of_the_statement(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    statements = Statements(error=ConnectionError("database gone"))
    read = _read(monkeypatch, statements)
    answers = await asyncio.gather(read.rows("a"), read.rows("b"), return_exceptions=True)
    assert [str(a) for a in answers] == ["database gone", "database gone"]
    assert statements.keys == [["a", "b"]]  # not each again: the database is away


async def test_a_key_the_database_refuses_fails_its_own_readers_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    statements = Statements(refused="\x00")
    read = _read(monkeypatch, statements)
    answers = await asyncio.gather(
        read.rows("a"), read.rows("\x00"), read.rows("b"), return_exceptions=True
    )
    assert answers[0] == [("a", 1), ("a", 2)]
    assert isinstance(answers[1], CharacterNotInRepertoireError)
    assert answers[2] == [("b", 3)]
    assert statements.keys == [["a", "\x00", "b"], ["a"], ["\x00"], ["b"]]


async def test_a_reader_that_goes_away_leaves_the_others_their_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    statements = Statements()
    statements.release.clear()
    read = _read(monkeypatch, statements)
    leaving = asyncio.create_task(read.rows("a"))
    staying = asyncio.create_task(read.rows("a"))
    await statements.asked.wait()  # the statement runs, and waits for the database
    leaving.cancel()
    statements.release.set()
    assert await staying == [("a", 1), ("a", 2)]
    assert leaving.cancelled()
