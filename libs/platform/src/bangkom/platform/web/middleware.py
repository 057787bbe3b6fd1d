"""ASGI middleware: request metrics by route template, and the trace context."""

from __future__ import annotations

import time

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bangkom.platform.observability.metrics import HTTP_LATENCY, HTTP_REQUESTS
from bangkom.platform.observability.tracing import SpanKind, trace_scope

UNMATCHED = "<unmatched>"


class RequestMetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # The metrics' children per (method, route template, status): few, and looking
        # them up by label values on every request cost more than counting (issue 19).
        self._children: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status_code = 500

        async def send_with_status(message: Message) -> None:
            nonlocal status_code
            if message["type"] == "http.response.start":
                status_code = message["status"]
            await send(message)

        traceparent = _header(scope, b"traceparent")
        method = scope["method"]
        template = UNMATCHED
        try:
            with trace_scope(
                traceparent, f"{method} {scope['path']}", kind=SpanKind.SERVER
            ) as span:
                try:
                    await self.app(scope, receive, send_with_status)
                finally:
                    template = getattr(scope.get("route"), "path", UNMATCHED)
                    if span is not None:  # spans are exported: name it by its route
                        span.update_name(f"{method} {template}")
                        span.set_attribute("http.route", template)
                        span.set_attribute("http.response.status_code", status_code)
        finally:
            requests, latency = self._metrics(method, template, status_code)
            requests.inc()
            latency.observe(time.perf_counter() - started)

    def _metrics(self, method: str, template: str, status_code: int) -> tuple[Counter, Histogram]:
        key = (method, template, status_code)
        found = self._children.get(key)
        if found is None:
            found = self._children[key] = (
                HTTP_REQUESTS.labels(method, template, str(status_code)),
                HTTP_LATENCY.labels(method, template),
            )
        return found


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None
