"""Unit of work: domain rows, outgoing events (outbox) and handled event ids (inbox)
commit in one transaction.

Handlers never commit; the message bus (for commands) and the consumer runner
(for events) do, so two operations can always share one transaction. (``insert_once``
is one statement, its own commit when the transaction has not begun; once it has, part
of it.)
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, ClassVar, NamedTuple, Protocol, Self

from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.audit.recorder import Auditing, AuditRecorder, audit_event, audit_row
from bangkom.platform.auth.caller import Caller
from bangkom.platform.catalog.audit import AuditRecorded
from bangkom.platform.catalog.base import Event, PreparedEvent
from bangkom.platform.clock import utc_now
from bangkom.platform.db.audit_log import audit_log
from bangkom.platform.db.bulk import insert_once_together, insert_rows_together
from bangkom.platform.db.database import Database
from bangkom.platform.db.direct import transaction_begun
from bangkom.platform.db.messaging import NOTIFY_CHANNEL, inbox, outbox
from bangkom.platform.ids import random_uuids
from bangkom.platform.observability.tracing import child_traceparent


class UnitOfWork(Protocol):
    """What handlers and the consumer runner need; fakes implement it in unit tests."""

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def publish(self, event: Event | PreparedEvent) -> None: ...

    def act_for(self, caller: Caller | None) -> None:
        """Whose changes follow: the caller of the command the bus handles."""

    def audit(
        self,
        action: str,
        object_type: str,
        object_key: str,
        *,
        agency_code: str | None = None,
        before: object = None,
        after: object = None,
    ) -> None:
        """Record a change (written with it at commit); ``before``/``after`` are the
        object's states (None: created/deleted), kept as the fields that differ."""

    @property
    def audited(self) -> bool:
        """Whether this transaction recorded a change so far."""
        ...

    async def claim(self, event_id: str, event_type: str) -> bool: ...

    async def claim_many(self, events: list[tuple[str, str]]) -> set[str]: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


class Effects(NamedTuple):
    """What a unit of work writes beside its rows: the audit log's and the outbox's."""

    parts: list[tuple[Any, list[dict[str, Any]]]]  # (table, rows), for insert_rows_together
    entries: bool  # whether there are audit entries
    events: bool  # whether there are events


class SqlUnitOfWork(Auditing):
    """The SQL unit of work; a service subclasses it and binds its repositories in ``bind``."""

    session: AsyncSession
    # The event that carries the service's audit entries to its audit topic.
    AUDIT_EVENT: ClassVar[type[AuditRecorded] | None] = None

    def __init__(self, database: Database, *, publish_events: bool = True) -> None:
        self._database = database
        self._pending: list[Event | PreparedEvent] = []
        self._traceparents: list[str] = []  # of each pending event: the span it came from
        self._audit = AuditRecorder()
        # False while rebuilding read models from the log: the events were sent before.
        self._publish_events = publish_events

    def bind(self, session: AsyncSession) -> None:
        """Create the service's repositories on the session."""

    async def __aenter__(self) -> Self:
        self.session = self._database.sessions()
        self._pending = []
        self._traceparents = []
        self._audit = AuditRecorder()
        self._events_written = False
        self._committed_itself = False  # by insert_once
        self.bind(self.session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.rollback()
        await self.session.close()

    def publish(self, event: Event | PreparedEvent) -> None:
        if self._publish_events:
            self._pending.append(event)
            # Taken now: in a batch, each event is handled in its own trace's span.
            self._traceparents.append(child_traceparent())

    async def claim(self, event_id: str, event_type: str) -> bool:
        """Record an incoming event id; False when it was handled before."""
        dialect_insert: Any = sqlite.insert if self._database.is_sqlite else postgresql.insert
        statement = (
            dialect_insert(inbox)
            .values(event_id=event_id, type=event_type, received_at=utc_now())
            .on_conflict_do_nothing(index_elements=["event_id"])
        )
        result: Any = await self.session.exec(statement)
        return bool(result.rowcount == 1)

    async def claim_many(self, events: list[tuple[str, str]]) -> set[str]:
        """Record incoming event ids at once; return those not handled before."""
        if not events:
            return set()
        dialect_insert: Any = sqlite.insert if self._database.is_sqlite else postgresql.insert
        now = utc_now()
        # Parameters apart from the statement (not one VALUES list per batch): the
        # statement compiles once and is cached, the rows go in as "insertmanyvalues".
        statement = (
            dialect_insert(inbox)
            .on_conflict_do_nothing(index_elements=["event_id"])
            .returning(inbox.c.event_id)
        )
        result: Any = await self.session.exec(
            statement,
            params=[{"event_id": i, "type": t, "received_at": now} for i, t in events],
        )
        return set(result.scalars().all())

    async def insert_once(self, statement: Any, params: dict[str, Any]) -> bool:
        """Insert one row by ``statement`` (an INSERT ... ON CONFLICT DO NOTHING
        RETURNING, built once) unless its key is taken, and with it the events published
        and the changes audited so far; return whether it went in. When it did not,
        they are dropped. On PostgreSQL this is one statement, and when the unit of work
        has not begun its transaction (its reads, if any, ran without: ``begin=False``)
        it runs outside one, as its own commit:
        one round trip where BEGIN, the two inserts and COMMIT took four (a result
        recorded through the API, issue 19). The unit of work then takes no more writes."""
        connection = await self.session.connection()
        commits_itself = not self._database.is_sqlite and not await transaction_begun(connection)
        effects = self._take_effects()
        notify = NOTIFY_CHANNEL if effects.events and commits_itself and self._notifies else None
        inserted = await insert_once_together(
            self.session, statement, params, effects.parts, notify=notify
        )
        if not inserted:
            return False  # what was taken goes nowhere
        self._audit.written = self._audit.written or effects.entries
        if commits_itself and not await transaction_begun(connection):
            self._committed_itself = True
            if effects.events:
                self._database.outbox_written.set()
        else:
            self._events_written = self._events_written or effects.events
        return True

    async def commit(self) -> None:
        if self._committed_itself:
            if self._pending or self._audit.pending:
                raise RuntimeError("a write after insert_once, which committed by itself")
            return
        effects = self._take_effects()
        events = self._events_written = self._events_written or effects.events
        await insert_rows_together(self.session, effects.parts)
        if events and self._notifies:
            # Delivered at commit to the relay of whichever replica leads. (Should the
            # lead move meanwhile, the new leader's poll finds the rows within its poll
            # interval.)
            connection = await self.session.connection()
            await connection.execute(text(f"NOTIFY {NOTIFY_CHANNEL}"))
        await self.session.commit()
        if events:
            self._database.outbox_written.set()

    @property
    def _notifies(self) -> bool:
        """Whether a commit that wrote events tells the relay by NOTIFY (it leads in
        another process; here it is woken in process, without one)."""
        return not self._database.is_sqlite and not self._database.relay_leads_here

    def _take_effects(self) -> Effects:
        """The audit entries and the outbox rows to write now; the audit entries travel
        as events too."""
        entries = self._audit.take()
        if entries and self.AUDIT_EVENT is not None:
            for entry in entries:
                self.publish(audit_event(self.AUDIT_EVENT, entry))
        events = outbox_rows(self._pending, self._traceparents) if self._pending else []
        self._pending, self._traceparents = [], []
        return Effects(
            parts=[(audit_log, [audit_row(e) for e in entries]), (outbox, events)],
            entries=bool(entries),
            events=bool(events),
        )

    async def rollback(self) -> None:
        self._pending, self._traceparents = [], []
        self._events_written = False
        self._audit.clear()
        await self.session.rollback()


def outbox_rows(
    events: list[Event | PreparedEvent], traceparents: list[str] | None = None
) -> list[dict[str, Any]]:
    """One row per event, with the traceparent of the span it was published in (by
    default, the current one)."""
    now = utc_now()
    traceparents = traceparents or [child_traceparent()] * len(events)
    rows = []
    for event, event_id, traceparent in zip(
        events, random_uuids(len(events)), traceparents, strict=True
    ):
        if isinstance(event, PreparedEvent):
            kind, data = event.of, event.data
        else:
            kind, data = type(event), event.model_dump_json()
        rows.append(
            {
                "event_id": event_id,
                "topic": kind.TOPIC.name,
                "key": event.key,
                "type": kind.TYPE,
                "source": kind.SOURCE,
                "subject": event.subject,
                "time": now,
                "data": data,
                "traceparent": traceparent,
                "created_at": now,
            }
        )
    return rows
