"""Post-training evaluation: a completion schedules L3; recorded levels that measure a
competency become assessment results, and so recalculate gaps downstream."""

from __future__ import annotations

import uuid

from bangkom.evaluation.domain.competency import InvalidCompetency
from bangkom.evaluation.domain.model import AssessmentResult
from bangkom.evaluation.domain.training_evaluation import (
    InvalidEvaluation,
    KirkpatrickLevel,
    LevelRecord,
    TrainingEvaluation,
)
from bangkom.evaluation.handlers import commands
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.evaluation.handlers.publishing import result_recorded
from bangkom.kernel.precedence import AssessmentMethod
from bangkom.platform.auth import Role
from bangkom.platform.catalog import (
    TrainingEvaluationRecorded,
)
from bangkom.platform.catalog.evaluation import CompetencyLevel
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import AccessDenied, InvalidInput, NotFound


async def record_training_evaluation(
    cmd: commands.RecordTrainingEvaluation, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> TrainingEvaluation:
    evaluation = await uow.training_evaluations.get(cmd.evaluation_id)
    caller = cmd.caller
    if evaluation is None or not caller.may_read_employee(evaluation.nip, evaluation.agency_code):
        raise NotFound(f"training evaluation {cmd.evaluation_id} not found")
    own_reaction = (
        cmd.level is KirkpatrickLevel.REACTION
        and Role.EMPLOYEE in caller.roles
        and caller.nip == evaluation.nip
    )
    if not (own_reaction or caller.may_manage_agency(evaluation.agency_code)):
        raise AccessDenied("an employee records only their own reaction (L1)")
    now = clock()
    try:
        record = LevelRecord(
            level=cmd.level,
            recorded_at=now,
            score=cmd.score,
            pre_score=cmd.pre_score,
            competency_levels=dict(cmd.competency_levels or {}),
            note=cmd.note,
        )
        evaluation.record(record)
    except (InvalidEvaluation, InvalidCompetency) as exc:
        raise InvalidInput(str(exc)) from exc
    await uow.training_evaluations.save(evaluation)
    uow.publish(
        TrainingEvaluationRecorded(
            evaluation_id=evaluation.id,
            nip=evaluation.nip,
            agency_code=evaluation.agency_code,
            course_code=evaluation.course_code,
            kirkpatrick_level=int(record.level),
            score=record.score,
            pre_score=record.pre_score,
            competency_levels=[
                CompetencyLevel(competency_code=code, level=level)
                for code, level in sorted(record.competency_levels.items())
            ],
            note=record.note,
            recorded_at=now,
        )
    )
    for code, level in sorted(record.competency_levels.items()):
        result = AssessmentResult(
            id=str(uuid.uuid4()),
            nip=evaluation.nip,
            competency_code=code,
            level=level,
            method=AssessmentMethod.POST_TRAINING,
            evaluated_at=now,
            assessor=caller.subject,
            evidence=f"Evaluasi pasca pelatihan L{int(record.level)} {evaluation.course_code}",
        )
        await uow.results.add(result)
        uow.publish(result_recorded(result, evaluation.agency_code))
    return evaluation
