"""Which command goes to which handler, and which consumed event to which handlers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from functools import partial
from typing import Any

from bangkom.platform.bus import CommandHandler
from bangkom.platform.catalog import (
    CourseUpdated,
    EmployeeUpdated,
    NeedsAggregated,
    ProposalDecided,
)
from bangkom.platform.catalog.base import Event
from bangkom.platform.clock import Clock
from bangkom.platform.messaging.consumer import EventHandlers
from bangkom.training.handlers import commands, on_commands, on_events
from bangkom.training.handlers.on_commands import xapi

# Every handler takes (message, uow, clock=utc_now).
Handler = Callable[..., Awaitable[Any]]

COMMAND_HANDLERS: dict[type, Handler] = {
    commands.PublishCourse: on_commands.publish_course,
    commands.ScheduleSession: on_commands.schedule_session,
    commands.EnrolEmployee: on_commands.enrol_employee,
    commands.CancelEnrolment: on_commands.cancel_enrolment,
    commands.PlaceWaitingRequests: on_commands.place_waiting_requests,
    commands.RecordSessionCompletion: on_commands.record_session_completion,
    commands.RecordExternalCompletion: on_commands.record_external_completion,
    commands.CheckCompliance: on_commands.check_compliance,
    commands.RegisterLearningPlatform: xapi.register_learning_platform,
    commands.MapActivity: xapi.map_activity,
    commands.RegisterActor: xapi.register_actor,
    commands.StoreStatements: xapi.store_statements,
    commands.StorePulledStatements: xapi.store_pulled_statements,
}

EVENT_HANDLERS: Mapping[type[Event], Sequence[Handler]] = {
    EmployeeUpdated: [on_events.on_employee_updated],
    ProposalDecided: [on_events.on_proposal_decided],
    NeedsAggregated: [on_events.on_needs_aggregated],
    CourseUpdated: [on_events.on_course_updated],
}


def command_handlers(clock: Clock) -> dict[type, CommandHandler]:
    """The command table with "now" taken from ``clock``."""
    return {command: partial(handler, clock=clock) for command, handler in COMMAND_HANDLERS.items()}


def event_handlers(clock: Clock) -> EventHandlers:
    """The event table with "now" taken from ``clock``."""
    return {
        event: [partial(handler, clock=clock) for handler in handlers]
        for event, handlers in EVENT_HANDLERS.items()
    }
