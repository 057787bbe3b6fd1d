"""Handlers of consumed events: a completed course schedules its L3 evaluation."""

from __future__ import annotations

import uuid
from datetime import timedelta

from bangkom.evaluation.domain.training_evaluation import TrainingEvaluation
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.platform.catalog import CompletionRecorded, TrainingEvaluationScheduled

DEFAULT_L3_DELAY = timedelta(days=90)


async def schedule_l3(
    event: CompletionRecorded,
    uow: EvaluationUnitOfWork,
    l3_delay: timedelta = DEFAULT_L3_DELAY,
) -> None:
    """A course completed (or attended) gets its L3 evaluation; a failed one does not."""
    if event.outcome == "failed" or event.course_code is None:
        return
    if await uow.training_evaluations.of_completion(event.completion_id) is not None:
        return
    evaluation = TrainingEvaluation.schedule(
        evaluation_id=str(uuid.uuid4()),
        completion_id=event.completion_id,
        nip=event.nip,
        agency_code=event.agency_code,
        course_code=event.course_code,
        competencies=sorted({c.competency_code for c in event.competencies}),
        completed_at=event.completed_at,
        delay=l3_delay,
    )
    await uow.training_evaluations.save(evaluation)
    uow.publish(
        TrainingEvaluationScheduled(
            evaluation_id=evaluation.id,
            completion_id=evaluation.completion_id,
            nip=evaluation.nip,
            agency_code=evaluation.agency_code,
            course_code=evaluation.course_code,
            completed_at=evaluation.completed_at,
            due_at=evaluation.due_at,
        )
    )
