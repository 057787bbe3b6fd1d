"""The audit trail: who changed what, when, in which request, and how.

Handlers describe their change (``uow.audit(...)``); the unit of work writes the entry
in the transaction of the change and publishes it on the service's audit topic; the
message bus records, for any command whose handler described nothing, the command
itself. ``GET /audit`` (``bangkom.platform.audit.api``) reads it back, scoped.
"""

from bangkom.platform.audit.entry import AuditEntry, Change, changes_between, snapshot

__all__ = ["AuditEntry", "Change", "changes_between", "snapshot"]
