"""In-memory stand-ins for the platform's unit of work (unit tests only)."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from bangkom.platform.audit.entry import AuditEntry
from bangkom.platform.audit.recorder import Auditing, AuditRecorder
from bangkom.platform.catalog.base import Event, PreparedEvent


class FakeUnitOfWorkBase(Auditing):
    """Records what would be committed; services add their in-memory repositories."""

    def __init__(self) -> None:
        self.published: list[Event] = []
        self.claimed: set[str] = set()
        self.commits = 0
        self._pending: list[Event] = []
        self.audit_log: list[AuditEntry] = []
        self._audit = AuditRecorder()

    async def __aenter__(self) -> Self:
        self._pending = []
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.rollback()

    def publish(self, event: Event | PreparedEvent) -> None:
        # Held as the model, so that tests see what a subscriber would decode.
        self._pending.append(event.event() if isinstance(event, PreparedEvent) else event)

    async def claim(self, event_id: str, event_type: str) -> bool:
        if event_id in self.claimed:
            return False
        self.claimed.add(event_id)
        return True

    async def claim_many(self, events: list[tuple[str, str]]) -> set[str]:
        return {event_id for event_id, kind in events if await self.claim(event_id, kind)}

    async def commit(self) -> None:
        self.audit_log.extend(self._audit.take())
        self.published.extend(self._pending)
        self._pending = []
        self.commits += 1

    async def rollback(self) -> None:
        self.drop_effects()

    def drop_effects(self) -> None:
        """Forget what was published and audited since the last commit."""
        self._pending = []
        self._audit.clear()

    def events_of(self, kind: type[Event]) -> list[Event]:
        return [e for e in self.published if isinstance(e, kind)]
