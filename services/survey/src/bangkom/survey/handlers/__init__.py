"""Which consumed event goes to which handlers (survey commands arrive with the survey issue)."""

from __future__ import annotations

from bangkom.platform.bus import CommandHandler
from bangkom.platform.catalog import EmployeeUpdated
from bangkom.platform.messaging.consumer import EventHandlers
from bangkom.survey.handlers import on_events

COMMAND_HANDLERS: dict[type, CommandHandler] = {}

EVENT_HANDLERS: EventHandlers = {
    EmployeeUpdated: [on_events.on_employee_updated],
}
