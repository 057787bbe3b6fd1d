"""Prometheus metrics shared by every service (one process = one service).

Defined once at import: metric objects are plain in-memory counters and
connect to nothing.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter(
    "bangkom_http_requests_total",
    "HTTP requests handled, by route template and status code.",
    ["method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "bangkom_http_request_duration_seconds",
    "Time to answer an HTTP request.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
GRPC_REQUESTS = Counter(
    "bangkom_grpc_requests_total",
    "gRPC calls handled, by method and status code.",
    ["method", "code"],
)
EVENTS_PUBLISHED = Counter(
    "bangkom_events_published_total",
    "Events published to Kafka by the outbox relay.",
    ["topic", "type"],
)
EVENTS_CONSUMED = Counter(
    "bangkom_events_consumed_total",
    "Events taken from Kafka, by outcome (handled, duplicate, ignored).",
    ["topic", "type", "outcome"],
)
EVENTS_FAILED = Counter(
    "bangkom_events_failed_total",
    "Handler attempts that raised (each retry counts).",
    ["topic", "type"],
)
EVENTS_DEAD_LETTERED = Counter(
    "bangkom_events_dead_lettered_total",
    "Events moved to a dead-letter topic after their last attempt failed.",
    ["topic", "type"],
)
EVENT_HANDLING_LATENCY = Histogram(
    "bangkom_event_handling_duration_seconds",
    "Time to handle one event, database commit included.",
    ["topic", "type"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
OUTBOX_BACKLOG = Gauge(
    "bangkom_outbox_backlog_events",
    "Events committed to the outbox and not yet published.",
)
OUTBOX_OLDEST_AGE = Gauge(
    "bangkom_outbox_oldest_event_age_seconds",
    "Age of the oldest unpublished outbox event (0 when the outbox is empty).",
)
CONSUMER_LAG = Gauge(
    "bangkom_consumer_lag_messages",
    "Events between the group's committed offset and the end of the partition, measured "
    "by the service beside its consumer (so a stuck consumer shows it growing).",
    ["topic", "partition", "group"],
)
READY = Gauge(
    "bangkom_ready",
    "1 when the database and Kafka answer and the service serves, else 0.",
)
WORK_PENDING = Gauge(
    "bangkom_work_pending_items",
    "Items waiting in a service's own work queue (e.g. employees to recalculate).",
    ["queue"],
)
IMPORT_JOBS_FINISHED = Counter(
    "bangkom_import_jobs_finished_total",
    "Roster and result imports that ended, by kind and status (done, failed, interrupted).",
    ["kind", "status"],
)
JP_PACE_BEHIND = Gauge(
    "bangkom_jp_pace_behind",
    "1 when an agency's employees are behind the 20 JP pace for the year at the last "
    "daily check, else 0.",
    ["agency"],
)
RESULT_TO_PROPOSAL = Histogram(
    "bangkom_result_to_proposal_seconds",
    "From an assessment result's recording (its event's time) to the training proposal "
    "it caused being committed for publication: the loop as a person waits for it.",
    buckets=(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0),
)
