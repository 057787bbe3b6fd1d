"""What one audit entry says, and the field-by-field difference it keeps."""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from bangkom.platform.auth.caller import Caller

# A change summary is a record, not a copy of the data: long values are cut.
MAX_VALUE_CHARS = 500
MAX_FIELDS = 40


@dataclass(frozen=True)
class Change:
    """One change a handler made: the action, the object and its fields before/after."""

    action: str
    object_type: str
    object_key: str
    agency_code: str | None
    changes: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class AuditEntry:
    """A change as recorded: with who made it, when and in which request."""

    entry_id: str
    occurred_at: datetime
    change: Change
    actor: Caller
    request_id: str


def snapshot(value: object) -> dict[str, Any]:
    """The fields of a dataclass, model or mapping as plain JSON values."""
    if isinstance(value, BaseModel):
        fields = value.model_dump(mode="json")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    elif isinstance(value, Mapping):
        fields = dict(value)
    else:
        raise TypeError(f"cannot take a snapshot of {type(value).__name__}")
    return {str(k): _plain(v) for k, v in fields.items() if not isinstance(v, Caller)}


def changes_between(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> dict[str, dict[str, Any]]:
    """Each field whose value differs, as {field: {"before": .., "after": ..}}; a field
    missing on one side is None there."""
    old, new = dict(before or {}), dict(after or {})
    changed = {}
    for name in sorted(old.keys() | new.keys()):
        if old.get(name) != new.get(name):
            changed[name] = {"before": old.get(name), "after": new.get(name)}
        if len(changed) == MAX_FIELDS:
            break
    return changed


def action_name(command: object) -> str:
    """RecordResult -> record_result."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(command).__name__).lower()


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in list(value.items())[:MAX_FIELDS]}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [_plain(v) for v in list(items)[:MAX_FIELDS]]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return snapshot(value)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS] + "…"
