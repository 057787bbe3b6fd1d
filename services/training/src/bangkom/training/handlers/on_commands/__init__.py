"""Command handlers: check the caller, change the domain, publish what changed.

Every handler takes ``clock`` for "now", so tests pin the date exactly.
"""

from bangkom.training.handlers.on_commands.catalog import publish_course
from bangkom.training.handlers.on_commands.completions import (
    record_external_completion,
    record_session_completion,
)
from bangkom.training.handlers.on_commands.compliance import ComplianceCheck, check_compliance
from bangkom.training.handlers.on_commands.enrolments import (
    Cancellation,
    cancel_enrolment,
    enrol_employee,
    place_waiting_requests,
)
from bangkom.training.handlers.on_commands.sessions import schedule_session

__all__ = [
    "Cancellation",
    "ComplianceCheck",
    "cancel_enrolment",
    "check_compliance",
    "enrol_employee",
    "place_waiting_requests",
    "publish_course",
    "record_external_completion",
    "record_session_completion",
    "schedule_session",
]
