"""Which event the code being run is a consequence of: its type and when it was
written. End-to-end latencies (result -> proposal) are measured from it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Cause:
    event_type: str
    written_at: datetime


_cause: ContextVar[Cause | None] = ContextVar("cause", default=None)


@contextmanager
def caused_by(cause: Cause | None) -> Iterator[None]:
    token = _cause.set(cause)
    try:
        yield
    finally:
        _cause.reset(token)


def current_cause() -> Cause | None:
    return _cause.get()
