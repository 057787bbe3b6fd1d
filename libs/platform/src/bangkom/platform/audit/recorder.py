"""Collects the changes of one transaction until it commits."""

from __future__ import annotations

from typing import Any

import orjson

from bangkom.platform.audit.entry import AuditEntry, Change, changes_between, snapshot
from bangkom.platform.auth.caller import Caller, Role
from bangkom.platform.catalog.audit import AuditRecorded
from bangkom.platform.clock import utc_now
from bangkom.platform.ids import random_uuids
from bangkom.platform.observability.tracing import current_trace_id

# Changes no person asked for (an event handled, a scheduled job) are the service's own.
SYSTEM = Caller(subject="bangkom", roles=frozenset({Role.SERVICE}))


class AuditRecorder:
    def __init__(self) -> None:
        self._actor = SYSTEM
        self._changes: list[Change] = []
        # Entries taken and written before the commit (SqlUnitOfWork.insert_once).
        self.written = False

    def act_for(self, caller: Caller | None) -> None:
        """Whose changes follow (the caller of the command being handled)."""
        self._actor = caller or SYSTEM

    @property
    def recorded(self) -> bool:
        """Whether the transaction recorded a change, written yet or not."""
        return bool(self._changes) or self.written

    @property
    def pending(self) -> bool:
        """Whether changes were recorded since the entries were last taken."""
        return bool(self._changes)

    def record(
        self,
        action: str,
        object_type: str,
        object_key: str,
        *,
        agency_code: str | None = None,
        before: object = None,
        after: object = None,
    ) -> None:
        old = snapshot(before) if before is not None else None
        new = snapshot(after) if after is not None else None
        self._changes.append(
            Change(action, object_type, object_key, agency_code, changes_between(old, new))
        )

    def take(self) -> list[AuditEntry]:
        """The entries of the changes recorded since the last take, stamped now."""
        changes, self._changes = self._changes, []
        if not changes:
            return []
        now, request_id = utc_now(), current_trace_id()
        return [
            AuditEntry(entry_id, now, change, self._actor, request_id)
            for change, entry_id in zip(changes, random_uuids(len(changes)), strict=True)
        ]

    def clear(self) -> None:
        self._changes = []
        self.written = False


class Auditing:
    """What a unit of work offers its handlers of the audit trail (the SQL one and the
    in-memory fakes alike); ``_audit`` is its recorder, new for each transaction."""

    _audit: AuditRecorder

    def act_for(self, caller: Caller | None) -> None:
        self._audit.act_for(caller)

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
        self._audit.record(
            action, object_type, object_key, agency_code=agency_code, before=before, after=after
        )

    @property
    def audited(self) -> bool:
        return self._audit.recorded


def audit_row(entry: AuditEntry) -> dict[str, Any]:
    change, actor = entry.change, entry.actor
    return {
        "entry_id": entry.entry_id,
        "occurred_at": entry.occurred_at,
        "action": change.action,
        "object_type": change.object_type,
        "object_key": change.object_key,
        "agency_code": change.agency_code,
        "actor_subject": actor.subject,
        "actor_roles": orjson.dumps(sorted(actor.roles)).decode(),
        "actor_agencies": orjson.dumps(sorted(actor.agencies)).decode(),
        "request_id": entry.request_id,
        "changes": orjson.dumps(change.changes).decode(),
    }


def audit_event(kind: type[AuditRecorded], entry: AuditEntry) -> AuditRecorded:
    change, actor = entry.change, entry.actor
    return kind(
        entry_id=entry.entry_id,
        action=change.action,
        object_type=change.object_type,
        object_key=change.object_key,
        agency_code=change.agency_code,
        actor_subject=actor.subject,
        actor_roles=sorted(actor.roles),
        actor_agencies=sorted(actor.agencies),
        request_id=entry.request_id,
        occurred_at=entry.occurred_at,
        changes=change.changes,
    )
