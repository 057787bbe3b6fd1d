"""Which consumed event goes to which handlers (the service takes no commands yet)."""

from __future__ import annotations

from bangkom.platform.bus import CommandHandler
from bangkom.platform.catalog import (
    CourseUpdated,
    EmployeeUpdated,
    ResultRecorded,
    ResultsRecorded,
    StandardPublished,
)
from bangkom.platform.messaging.consumer import EventHandlers
from bangkom.recommendation.handlers import on_events

COMMAND_HANDLERS: dict[type, CommandHandler] = {}

EVENT_HANDLERS: EventHandlers = {
    EmployeeUpdated: [on_events.on_employee_updated],
    StandardPublished: [on_events.on_standard_published],
    CourseUpdated: [on_events.on_course_updated],
    ResultRecorded: [on_events.on_result_recorded],
    ResultsRecorded: [on_events.on_results_recorded],
}
