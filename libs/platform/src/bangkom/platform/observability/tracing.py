"""W3C trace context carried from HTTP requests into events and back out.

The trace id doubles as the correlation id in logs, so one id follows a result
from the REST call that recorded it to the proposal published three hops later.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from bangkom.platform.observability.logs import log_context

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")
_trace_id: ContextVar[str | None] = ContextVar("trace_id", default=None)


def _parse_trace_id(traceparent: str | None) -> str | None:
    if not traceparent:
        return None
    match = _TRACEPARENT.match(traceparent.strip().lower())
    return match.group(1) if match else None


def current_trace_id() -> str:
    trace_id = _trace_id.get()
    if trace_id is None:
        trace_id = secrets.token_hex(16)
        _trace_id.set(trace_id)
    return trace_id


def child_traceparent() -> str:
    """A traceparent for an outgoing message: same trace, new span."""
    return f"00-{current_trace_id()}-{secrets.token_hex(8)}-01"


@contextmanager
def trace_scope(traceparent: str | None, **log_values: str | None) -> Iterator[str]:
    """Continue the trace of an incoming request or event (or start one)."""
    trace_id = _parse_trace_id(traceparent) or secrets.token_hex(16)
    token = _trace_id.set(trace_id)
    try:
        with log_context(correlation_id=trace_id, **log_values):
            yield trace_id
    finally:
        _trace_id.reset(token)
