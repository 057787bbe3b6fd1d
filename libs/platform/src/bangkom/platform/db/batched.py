"""Reads of one key each, asked for together, as one statement.

Under load, requests arrive together, and each one's read took a connection from the
pool, ran its statement and gave the connection back: on issue 19's GET
/employees/{nip}/gaps about 70 µs of CPU a read in the service, besides PostgreSQL's
own work per statement. A ``BatchedRead`` collects the keys asked for until the event
loop turns and runs one statement for all of them (``key = ANY(keys)``), which costs
about what one read did. A read made alone waits one turn of the loop more. Should the
statement fail for a key's sake, each key is read again alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Select

from bangkom.platform.db.database import Database
from bangkom.platform.db.errors import is_database_unavailable
from bangkom.platform.db.lists import LISTED
from bangkom.platform.db.plain import PlainRead

# Keys in one statement at most: more wait for the next.
MOST_KEYS = 500

_Waiting = dict[Any, list[asyncio.Future[list[Any]]]]


class BatchedRead:
    """``build(postgresql)`` selects the rows of the keys passed as db.lists' LISTED
    (``listed(column, postgresql)``); ``key`` gives a row's key. ``rows(key)`` answers
    that key's rows, in the statement's order."""

    def __init__(
        self,
        database: Database,
        build: Callable[[bool], Select[Any]],
        key: Callable[[Any], Any],
    ) -> None:
        self._database = database
        self._read = PlainRead(build)
        self._key = key
        self._waiting: _Waiting | None = None
        self._running: set[asyncio.Task[None]] = set()

    async def rows(self, key: Any) -> list[Any]:
        loop = asyncio.get_running_loop()
        if self._waiting is None or len(self._waiting) >= MOST_KEYS:
            self._waiting = {}
            loop.call_soon(self._start, self._waiting)
        answer: asyncio.Future[list[Any]] = loop.create_future()
        self._waiting.setdefault(key, []).append(answer)
        return await answer

    def _start(self, waiting: _Waiting) -> None:
        if self._waiting is waiting:
            self._waiting = None
        task = asyncio.create_task(self._answer(waiting))
        self._running.add(task)  # kept until done: the loop holds tasks weakly
        task.add_done_callback(self._running.discard)

    async def _answer(self, waiting: _Waiting) -> None:
        try:
            found = await self._read.rows(self._database, **{LISTED: list(waiting)})
            by_key = _grouped(found, self._key)
        except Exception as exc:
            if len(waiting) > 1 and not is_database_unavailable(exc):
                # A key the database refuses (text with a NUL, from a caller that does
                # not check it) fails its own readers only: each key again, alone.
                for key, answers in waiting.items():
                    await self._answer({key: answers})
            else:
                for answer in _awaited(waiting.values()):
                    answer.set_exception(exc)
            return
        except BaseException:
            for answer in _awaited(waiting.values()):
                answer.cancel()
            raise
        for key, answers in waiting.items():
            for answer in _awaited([answers]):
                answer.set_result(by_key.get(key, []))


def _awaited(
    answers: Iterable[list[asyncio.Future[list[Any]]]],
) -> Iterator[asyncio.Future[list[Any]]]:
    """The answers still awaited: not one whose request went away meanwhile."""
    return (answer for group in answers for answer in group if not answer.done())


def _grouped(rows: Sequence[Any], key: Callable[[Any], Any]) -> dict[Any, list[Any]]:
    by_key: dict[Any, list[Any]] = {}
    for row in rows:
        by_key.setdefault(key(row), []).append(row)
    return by_key
