from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from bangkom.evaluation.domain.training_evaluation import (
    EvaluationStatus,
    KirkpatrickLevel,
    TrainingEvaluation,
)
from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.handlers import commands, queries
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.catalog.types import CompetencyCode, FreeText, Level
from bangkom.platform.clock import utc_now
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter

router = ServiceRouter(prefix="/training-evaluations", tags=["post-training evaluation"])


class LevelRecordCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "note": "Atasan mengamati perbaikan layanan loket",
                    "competency_levels": {"M.05": 3},
                },
                {"score": 86.5, "pre_score": 62.0, "competency_levels": {"M.05": 2}},
                {"score": 4.5, "note": "Materi relevan, fasilitator baik"},
            ]
        }
    )

    score: float | None = Field(
        default=None, ge=0, le=100, description="L1 satisfaction (0-100) or L2 post-test"
    )
    pre_score: float | None = Field(default=None, ge=0, le=100, description="L2 pre-test")
    competency_levels: dict[CompetencyCode, Level] = Field(
        default_factory=dict,
        description="L2/L3: level measured per competency; each becomes an assessment result",
    )
    note: FreeText | None = Field(default=None, max_length=4000)


class LevelRecordPublic(BaseModel):
    level: int
    recorded_at: datetime
    score: float | None
    pre_score: float | None
    competency_levels: dict[str, int]
    note: str | None


class TrainingEvaluationPublic(BaseModel):
    id: str
    completion_id: str
    nip: str
    agency_code: str
    course_code: str
    competencies: list[str]
    completed_at: datetime
    due_at: datetime = Field(description="When the L3 (behaviour) evaluation is due")
    status: EvaluationStatus
    records: list[LevelRecordPublic]

    @classmethod
    def of(cls, evaluation: TrainingEvaluation, now: datetime) -> TrainingEvaluationPublic:
        return cls(
            id=evaluation.id,
            completion_id=evaluation.completion_id,
            nip=evaluation.nip,
            agency_code=evaluation.agency_code,
            course_code=evaluation.course_code,
            competencies=evaluation.competencies,
            completed_at=evaluation.completed_at,
            due_at=evaluation.due_at,
            status=evaluation.status(now),
            records=[
                LevelRecordPublic(
                    level=int(r.level),
                    recorded_at=r.recorded_at,
                    score=r.score,
                    pre_score=r.pre_score,
                    competency_levels=r.competency_levels,
                    note=r.note,
                )
                for _, r in sorted(evaluation.records.items())
            ],
        )


@router.get("", summary="Post-training evaluations of the caller's agencies, by status")
async def list_training_evaluations(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    status: EvaluationStatus | None = None,
) -> Page[TrainingEvaluationPublic]:
    now = utc_now()
    async with bus.uow_factory() as uow:
        found = await queries.list_training_evaluations(
            uow, caller, status=status, now=now, limit=paging.fetch_limit, offset=paging.offset
        )
    return Page[TrainingEvaluationPublic].fetched(
        [TrainingEvaluationPublic.of(e, now) for e in found], paging
    )


@router.get("/{evaluation_id}", summary="One post-training evaluation")
async def get_training_evaluation(
    evaluation_id: str, caller: CallerDep, bus: BusDep
) -> TrainingEvaluationPublic:
    async with bus.uow_factory() as uow:
        found = await queries.get_training_evaluation(uow, caller, evaluation_id)
    return TrainingEvaluationPublic.of(found, utc_now())


@router.put(
    "/{evaluation_id}/levels/{level}",
    summary="Record L1 reaction, L2 learning, L3 behaviour or L4 results",
)
async def record_level(
    evaluation_id: str,
    level: KirkpatrickLevel,
    body: LevelRecordCreate,
    caller: CallerDep,
    bus: BusDep,
) -> TrainingEvaluationPublic:
    evaluation = await bus.handle(
        commands.RecordTrainingEvaluation(
            caller=caller,
            evaluation_id=evaluation_id,
            level=level,
            score=body.score,
            pre_score=body.pre_score,
            competency_levels=body.competency_levels,
            note=body.note,
        )
    )
    return TrainingEvaluationPublic.of(evaluation, utc_now())
