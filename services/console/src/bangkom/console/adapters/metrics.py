"""The console's own metrics: its calls to the services' APIs, by service and outcome
(a page's latency is mostly these). Defined once at import; they connect to nothing.
Requests to the console itself are the platform's bangkom_http_* metrics."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

API_CALLS = Counter(
    "bangkom_console_api_calls_total",
    "Calls from the console to a service's API, by service, method and outcome "
    "(ok, refused, not_authorised, session_expired, unavailable).",
    ["service", "method", "outcome"],
)
API_LATENCY = Histogram(
    "bangkom_console_api_call_duration_seconds",
    "Time a service's API took to answer the console.",
    ["service", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
