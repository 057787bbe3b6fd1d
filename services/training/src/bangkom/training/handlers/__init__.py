"""Which command goes to which handler, and which consumed event to which handlers."""

from __future__ import annotations

from bangkom.platform.bus import CommandHandler
from bangkom.platform.messaging.consumer import EventHandlers
from bangkom.training.handlers import commands, on_commands

COMMAND_HANDLERS: dict[type, CommandHandler] = {
    commands.PublishCourse: on_commands.publish_course,
}

# Accepted proposals and aggregated needs arrive with the training issue.
EVENT_HANDLERS: EventHandlers = {}
