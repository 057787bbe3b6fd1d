"""Which command goes to which handler, and which consumed event to which handlers."""

from __future__ import annotations

from bangkom.evaluation.handlers import commands, on_events
from bangkom.evaluation.handlers.on_commands import (
    agencies,
    framework,
    framework_drafts,
    positions,
    results,
    roster,
    training_evaluations,
)
from bangkom.platform.bus import CommandHandler
from bangkom.platform.catalog import CompletionRecorded
from bangkom.platform.messaging.consumer import EventHandlers

COMMAND_HANDLERS: dict[type, CommandHandler] = {
    commands.DefineAgency: agencies.define_agency,
    commands.SeedFramework: framework.seed_framework,
    commands.PublishFramework: framework.publish_framework,
    commands.MarkFrameworkPublic: framework.mark_framework_public,
    commands.ImportCasePackage: framework_drafts.import_case_package,
    commands.PublishFrameworkDraft: framework_drafts.publish_framework_draft,
    commands.DefineTechnicalCompetency: framework.define_technical_competency,
    commands.DefinePosition: positions.define_position,
    commands.RegisterEmployee: roster.register_employee,
    commands.RecordResult: results.record_result,
    commands.RecordResults: results.record_results,
    commands.RecordTrainingEvaluation: training_evaluations.record_training_evaluation,
}

EVENT_HANDLERS: EventHandlers = {
    CompletionRecorded: [on_events.schedule_l3],
}
