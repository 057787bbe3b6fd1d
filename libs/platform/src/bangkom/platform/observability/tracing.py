"""W3C trace context carried from HTTP requests into events and back out, and, when an
OTLP endpoint is configured, OpenTelemetry spans for each hop exported to it.

The trace id doubles as the correlation id in logs, so one id follows a result from the
REST call that recorded it to the proposal published three hops later. The ``traceparent``
travels in the CloudEvents distributed-tracing extension (``ce_traceparent``) and in the
outbox row of each event.

Without an endpoint (the default) no span object is made: a scope is a trace id and a
span id in a context variable, a few hundred nanoseconds.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from opentelemetry import trace
from opentelemetry.trace import SpanKind
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from bangkom.platform.observability.logs import log_context

__all__ = [
    "SpanKind",
    "child_traceparent",
    "configure_tracing",
    "current_trace_id",
    "relayed",
    "shutdown_tracing",
    "trace_scope",
]

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")
_ZERO_TRACE, _ZERO_SPAN = "0" * 32, "0" * 16
# (trace id, span id) of the scope the code runs in, when no span objects are made.
_scope: ContextVar[tuple[str, str] | None] = ContextVar("trace_scope", default=None)
_propagator = TraceContextTextMapPropagator()
_tracer: trace.Tracer | None = None  # set by configure_tracing when exporting
_provider: Any = None


def configure_tracing(service: str, otlp_endpoint: str | None) -> None:
    """Export spans over OTLP/HTTP to ``otlp_endpoint`` (e.g. http://collector:4318);
    None: no spans, only the trace context."""
    global _tracer, _provider
    if not otlp_endpoint:
        _tracer = _provider = None
        return
    # Imported here: the SDK and its exporter are only loaded where spans are exported.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    exporter = OTLPSpanExporter(endpoint=f"{otlp_endpoint.rstrip('/')}/v1/traces")
    provider.add_span_processor(BatchSpanProcessor(exporter, schedule_delay_millis=500))
    _provider, _tracer = provider, provider.get_tracer("bangkom")


def shutdown_tracing() -> None:
    """Send the spans still buffered (at shutdown)."""
    if _provider is not None:
        _provider.shutdown()


def _parse(traceparent: str | None) -> tuple[str, str] | None:
    if not traceparent:
        return None
    match = _TRACEPARENT.match(traceparent.strip().lower())
    if match is None or match.group(1) == _ZERO_TRACE or match.group(2) == _ZERO_SPAN:
        return None
    return match.group(1), match.group(2)


def _random_id(size: int) -> str:
    """A trace (16 bytes) or span (8) id, never all zeros (W3C: invalid). Random, not
    secret: as OpenTelemetry's RandomIdGenerator; os.urandom was a system call twice a
    request (issue 19)."""
    return f"{random.getrandbits(size * 8) or 1:0{size * 2}x}"


def _current_span_ids() -> tuple[str, str] | None:
    if _tracer is not None:
        context = trace.get_current_span().get_span_context()
        if context.is_valid:
            return f"{context.trace_id:032x}", f"{context.span_id:016x}"
    return _scope.get()


def current_trace_id() -> str:
    ids = _current_span_ids()
    if ids is None:
        ids = (_random_id(16), _random_id(8))
        _scope.set(ids)
    return ids[0]


def child_traceparent() -> str:
    """The traceparent of what the current scope sends (an event, a request): same
    trace, its parent the current span."""
    trace_id = current_trace_id()
    ids = _current_span_ids()
    span_id = ids[1] if ids is not None else _random_id(8)
    return f"00-{trace_id}-{span_id}-01"


@contextmanager
def trace_scope(
    traceparent: str | None,
    name: str = "bangkom",
    *,
    kind: SpanKind = SpanKind.INTERNAL,
    attributes: dict[str, str] | None = None,
    **log_values: str | None,
) -> Iterator[Any]:
    """Continue the trace of an incoming request or event (or start one): a span called
    ``name`` when spans are exported. Yields the span (None without export)."""
    parent = _parse(traceparent)
    if _tracer is None:
        ids = (parent[0] if parent else _random_id(16), _random_id(8))
        token = _scope.set(ids)
        try:
            with log_context(correlation_id=ids[0], **log_values):
                yield None
        finally:
            _scope.reset(token)
        return
    context = _propagator.extract({"traceparent": traceparent}) if parent else None
    with _tracer.start_as_current_span(
        name, context=context, kind=kind, attributes=attributes
    ) as span:
        trace_id = f"{span.get_span_context().trace_id:032x}"
        with log_context(correlation_id=trace_id, **log_values):
            yield span


def relayed(traceparent: str | None, name: str) -> str | None:
    """The traceparent an event leaves with: with spans exported, that of a producer
    span (``name``) under the span that wrote the event; else the one it was written
    with."""
    if _tracer is None:
        return traceparent
    context = _propagator.extract({"traceparent": traceparent}) if _parse(traceparent) else None
    span = _tracer.start_span(name, context=context, kind=SpanKind.PRODUCER)
    span.end()
    sent = span.get_span_context()
    return f"00-{sent.trace_id:032x}-{sent.span_id:016x}-01"
