"""Gaps (current and their history) and the queue of pending recalculations, on SQL.

Like the read models, gaps changed in a transaction are kept and written in bulk when
the unit of work commits.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, delete, literal, text, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.kernel.gaps import Gap
from bangkom.platform.db.bulk import upsert
from bangkom.platform.db.lists import LISTED, listed, on_postgresql
from bangkom.platform.db.reads import fetch_listed
from bangkom.recommendation.adapters.summaries import SqlAnalyticsMarks
from bangkom.recommendation.adapters.tables import (
    GapHistoryRow,
    GapRow,
    PlacementRow,
    RecalculationRow,
)

Flush = Callable[[], Awaitable[None]]


# Plain columns, not ORM rows: a batch loads thousands of gaps at once.
GAP_COLUMNS: tuple[Any, ...] = (
    GapRow.competency_code,
    GapRow.competency_name,
    GapRow.required_level,
    GapRow.current_level,
)


@dataclass
class _Stored:
    agency_code: str | None
    gaps: list[Gap]
    standard_version: int | None = None  # None: none stored, or not one for all


@dataclass
class _Change:
    before: _Stored
    after: _Stored
    standard_version: int
    as_of: datetime
    history: bool

    @property
    def drops_a_competency(self) -> bool:
        before = {g.competency_code for g in self.before.gaps}
        return not before <= {g.competency_code for g in self.after.gaps}

    def rows_to_write(self) -> list[Gap]:
        """The gaps whose stored row differs: a recalculation after one result changes
        one gap of an employee's ten, and rewriting all ten was most of the database's
        work per result (issue 19)."""
        before = self.before
        if before.agency_code != self.after.agency_code or (
            before.standard_version != self.standard_version
        ):
            return self.after.gaps
        stored = {g.competency_code: g for g in before.gaps}
        return [g for g in self.after.gaps if stored.get(g.competency_code) != g]


class SqlGapStore:
    def __init__(self, session: AsyncSession, flush_all: Flush, marks: SqlAnalyticsMarks) -> None:
        self._session = session
        self._flush_all = flush_all
        self._marks = marks
        self._stored: dict[str, _Stored] = {}
        self._changes: dict[str, _Change] = {}

    async def prefetch(self, nips: Iterable[str]) -> None:
        wanted = [n for n in set(nips) if n not in self._stored]
        if not wanted:
            return
        for nip in wanted:
            self._stored[nip] = _Stored(None, [])
        rows = await fetch_listed(self._session, _gaps_of, wanted)
        for nip, agency_code, standard_version, *gap in rows:
            stored = self._stored[nip]
            if not stored.gaps:
                stored.standard_version = standard_version
            elif stored.standard_version != standard_version:
                stored.standard_version = None
            stored.agency_code = agency_code
            stored.gaps.append(Gap(*gap))

    async def _of(self, nip: str) -> _Stored:
        if nip not in self._stored:
            await self.prefetch([nip])
        return self._stored[nip]

    async def current(self, nip: str) -> list[Gap]:
        return list((await self._of(nip)).gaps)

    async def agency_of(self, nip: str) -> str | None:
        return (await self._of(nip)).agency_code

    async def replace(
        self,
        nip: str,
        agency_code: str,
        gaps: list[Gap],
        standard_version: int,
        as_of: datetime,
        *,
        history: bool = True,
    ) -> None:
        before = await self._of(nip)
        after = _Stored(agency_code, list(gaps), standard_version)
        earlier = self._changes.get(nip)
        self._changes[nip] = _Change(
            before=earlier.before if earlier else before,
            after=after,
            standard_version=standard_version,
            as_of=as_of,
            history=history and (earlier.history if earlier else True),
        )
        self._stored[nip] = after

    async def nips_with_open_gap(self, competency_codes: Iterable[str]) -> list[str]:
        await self._flush_all()
        rows = await self._session.exec(
            select(GapRow.nip)
            .where(col(GapRow.competency_code).in_(set(competency_codes)))
            .where(GapRow.status == "open")
            .distinct()
        )
        return sorted(rows)

    async def flush(self) -> None:
        if not self._changes:
            return
        changes, self._changes = self._changes, {}
        # Who lost a competency (their standard changed) has every row written again.
        rewritten = {nip for nip, change in changes.items() if change.drops_a_competency}
        written = {
            nip: change.after.gaps if nip in rewritten else change.rows_to_write()
            for nip, change in changes.items()
        }
        for nip, change in changes.items():
            if written[nip] or nip in rewritten:
                # Gaps count under their employee's placement, whose agency they are
                # recalculated with (a move marks the placement's agencies as well).
                self._marks.mark(change.before.agency_code, change.after.agency_code)
        if rewritten:
            await self._session.exec(
                _delete_gaps_of(on_postgresql(self._session)), params={LISTED: sorted(rewritten)}
            )
        rows = [
            {
                "nip": nip,
                "competency_code": gap.competency_code,
                "agency_code": change.after.agency_code,
                "competency_name": gap.competency_name,
                "required_level": gap.required_level,
                "current_level": gap.current_level,
                "status": gap.status.value,
                "standard_version": change.standard_version,
                "calculated_at": change.as_of,
            }
            for nip, change in changes.items()
            for gap in written[nip]
        ]
        await upsert(self._session, GapRow, rows, ["nip", "competency_code"])
        await self._history({nip: c for nip, c in changes.items() if c.history})

    async def _history(self, changes: dict[str, _Change]) -> None:
        """Close what changed and open its new state (a transfer re-dates every gap)."""
        closing: list[dict[str, object]] = []
        opening: list[dict[str, object]] = []
        for nip, change in changes.items():
            moved = change.before.agency_code not in (None, change.after.agency_code)
            before = {g.competency_code: g for g in change.before.gaps}
            after = {g.competency_code: g for g in change.after.gaps}
            for code in before.keys() | after.keys():
                if not moved and before.get(code) == after.get(code):
                    continue
                if code in before:  # a new gap has no open history row to close
                    closing.append({"nip": nip, "code": code, "closed_at": change.as_of})
                gap = after.get(code)
                if gap is not None:
                    opening.append(
                        {
                            "nip": nip,
                            "competency_code": code,
                            "valid_from": change.as_of,
                            "valid_to": None,
                            "agency_code": change.after.agency_code,
                            "required_level": gap.required_level,
                            "current_level": gap.current_level,
                            "status": gap.status.value,
                        }
                    )
        if closing:
            await self._close_history(closing)
        await upsert(
            self._session, GapHistoryRow, opening, ["nip", "competency_code", "valid_from"]
        )

    async def _close_history(self, closing: list[dict[str, Any]]) -> None:
        connection = await self._session.connection()
        if connection.dialect.name == "postgresql":
            # One statement for every row (an executemany ran one UPDATE per gap).
            await connection.execute(
                CLOSE_HISTORY,
                {
                    "nips": [c["nip"] for c in closing],
                    "codes": [c["code"] for c in closing],
                    "closed": [c["closed_at"] for c in closing],
                },
            )
            return
        history: Any = GapHistoryRow.__table__  # type: ignore[attr-defined]
        await connection.execute(
            update(history)
            .where(
                history.c.nip == bindparam("close_nip"),
                history.c.competency_code == bindparam("close_code"),
                history.c.valid_to.is_(None),
            )
            .values(valid_to=bindparam("closed_at")),
            [
                {"close_nip": c["nip"], "close_code": c["code"], "closed_at": c["closed_at"]}
                for c in closing
            ],
        )


# Built once per dialect (see bangkom.platform.db.lists).
@lru_cache(maxsize=2)
def _gaps_of(postgresql: bool) -> Any:
    return (
        select(GapRow.nip, GapRow.agency_code, GapRow.standard_version, *GAP_COLUMNS)
        .where(listed(GapRow.nip, postgresql))
        .order_by(col(GapRow.nip), col(GapRow.competency_code))
    )


@lru_cache(maxsize=2)
def _delete_gaps_of(postgresql: bool) -> Any:
    # Rows are not ORM objects here: no RETURNING to keep the session's objects in step.
    return (
        delete(GapRow)
        .where(listed(GapRow.nip, postgresql))
        .execution_options(synchronize_session=False)
    )


CLOSE_HISTORY = text(
    "UPDATE gap_history AS h SET valid_to = c.closed_at "
    "FROM unnest(CAST(:nips AS text[]), CAST(:codes AS text[]), "
    "CAST(:closed AS timestamptz[])) AS c(nip, code, closed_at) "
    "WHERE h.nip = c.nip AND h.competency_code = c.code AND h.valid_to IS NULL"
)


class SqlRecalculationQueue:
    def __init__(self, session: AsyncSession, flush_all: Flush) -> None:
        self._session = session
        self._flush_all = flush_all

    async def enqueue_position(self, position_code: str, reason: str, as_of: datetime) -> int:
        await self._flush_all()
        dialect_insert = postgresql_insert if on_postgresql(self._session) else sqlite_insert
        chosen = select(
            PlacementRow.nip, literal(reason).label("reason"), literal(as_of).label("as_of")
        ).where(PlacementRow.position_code == position_code, col(PlacementRow.active).is_(True))
        statement = dialect_insert(RecalculationRow).from_select(["nip", "reason", "as_of"], chosen)
        statement = statement.on_conflict_do_update(
            index_elements=["nip"],
            set_={"reason": statement.excluded.reason, "as_of": statement.excluded.as_of},
        )
        result = await self._session.exec(statement)
        return int(result.rowcount or 0)

    async def enqueue(self, nips: Iterable[str], reason: str, as_of: datetime) -> int:
        rows = [{"nip": nip, "reason": reason, "as_of": as_of} for nip in sorted(set(nips))]
        await upsert(self._session, RecalculationRow, rows, ["nip"])
        return len(rows)

    async def next_waiting(self, limit: int) -> list[str]:
        rows = await self._session.exec(
            select(RecalculationRow.nip).order_by(col(RecalculationRow.nip)).limit(limit)
        )
        return list(rows)

    async def take(self, nips: Iterable[str]) -> list[tuple[str, datetime]]:
        wanted = list(nips)
        if not wanted:
            return []
        rows = list(
            await self._session.exec(
                select(RecalculationRow.nip, RecalculationRow.as_of)
                .where(col(RecalculationRow.nip).in_(wanted))
                .order_by(col(RecalculationRow.nip))
                .with_for_update(skip_locked=True)
            )
        )
        if rows:
            await self._session.exec(
                delete(RecalculationRow).where(
                    col(RecalculationRow.nip).in_([nip for nip, _ in rows])
                )
            )
        return [(nip, as_of) for nip, as_of in rows]

    async def pending(self) -> int:
        return int(
            await self._session.scalar(select(func.count()).select_from(RecalculationRow)) or 0
        )
