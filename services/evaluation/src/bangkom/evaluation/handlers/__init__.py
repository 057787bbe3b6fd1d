"""Which command goes to which handler, and which consumed event to which handlers."""

from __future__ import annotations

from bangkom.evaluation.handlers import commands, on_commands
from bangkom.platform.bus import CommandHandler
from bangkom.platform.messaging.consumer import EventHandlers

COMMAND_HANDLERS: dict[type, CommandHandler] = {
    commands.DefinePosition: on_commands.define_position,
    commands.RegisterEmployee: on_commands.register_employee,
    commands.RecordResult: on_commands.record_result,
}

# Training completions (to schedule L3 evaluations) arrive with the evaluation issue.
EVENT_HANDLERS: EventHandlers = {}
