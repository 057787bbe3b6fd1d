"""Which command goes to which handler, and which consumed event to which handlers."""

from __future__ import annotations

from bangkom.career.handlers import commands, on_events
from bangkom.career.handlers.on_commands import plans, policies, ratings, succession
from bangkom.platform.bus import CommandHandler
from bangkom.platform.catalog import (
    CompletionRecorded,
    CourseUpdated,
    EmployeeUpdated,
    ProposalCreated,
    ProposalDecided,
    ProposalStatusChanged,
    ResultRecorded,
    ResultsRecorded,
    StandardPublished,
)
from bangkom.platform.messaging.consumer import EventHandlers

COMMAND_HANDLERS: dict[type, CommandHandler] = {
    commands.RecordRating: ratings.record_rating,
    commands.ImportRatings: ratings.import_ratings,
    commands.RecordPotentialAssessment: ratings.record_potential_assessment,
    commands.SetAgencyPolicy: policies.set_agency_policy,
    commands.MarkCritical: succession.mark_critical,
    commands.UnmarkCritical: succession.unmark_critical,
    commands.CreatePlan: plans.create_plan,
    commands.DecidePlan: plans.decide_plan,
}

EVENT_HANDLERS: EventHandlers = {
    EmployeeUpdated: [on_events.on_employee_updated],
    StandardPublished: [on_events.on_standard_published],
    ResultRecorded: [on_events.on_result_recorded],
    ResultsRecorded: [on_events.on_results_recorded],
    CourseUpdated: [on_events.on_course_updated],
    CompletionRecorded: [on_events.on_completion_recorded],
    ProposalCreated: [on_events.on_proposal_created],
    ProposalDecided: [on_events.on_proposal_decided],
    ProposalStatusChanged: [on_events.on_proposal_status_changed],
}
