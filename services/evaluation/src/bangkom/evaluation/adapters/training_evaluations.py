"""Post-training evaluations (Kirkpatrick L1-L4) on SQL."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import col, select

from bangkom.evaluation.adapters.repository import Scope, SqlRepository
from bangkom.evaluation.adapters.tables import TrainingEvaluationRow
from bangkom.evaluation.domain.training_evaluation import (
    OVERDUE_AFTER,
    EvaluationStatus,
    KirkpatrickLevel,
    LevelRecord,
    TrainingEvaluation,
)
from bangkom.platform.db.scope import within_agencies


def _record_document(record: LevelRecord) -> dict[str, Any]:
    return {
        "recorded_at": record.recorded_at.isoformat(),
        "score": record.score,
        "pre_score": record.pre_score,
        "competency_levels": record.competency_levels,
        "note": record.note,
    }


def _training_evaluation(row: TrainingEvaluationRow) -> TrainingEvaluation:
    return TrainingEvaluation(
        id=row.id,
        completion_id=row.completion_id,
        nip=row.nip,
        agency_code=row.agency_code,
        course_code=row.course_code,
        competencies=list(row.competencies),
        completed_at=row.completed_at,
        due_at=row.due_at,
        records={
            KirkpatrickLevel(int(level)): LevelRecord(
                level=KirkpatrickLevel(int(level)),
                recorded_at=datetime.fromisoformat(doc["recorded_at"]),
                score=doc["score"],
                pre_score=doc["pre_score"],
                competency_levels=dict(doc["competency_levels"]),
                note=doc["note"],
            )
            for level, doc in row.records.items()
        },
    )


class SqlTrainingEvaluationRepository(SqlRepository):
    async def get(self, evaluation_id: str) -> TrainingEvaluation | None:
        row = await self._session.get(TrainingEvaluationRow, evaluation_id)
        return _training_evaluation(row) if row else None

    async def of_completion(self, completion_id: str) -> TrainingEvaluation | None:
        row = (
            await self._session.exec(
                select(TrainingEvaluationRow).where(
                    TrainingEvaluationRow.completion_id == completion_id
                )
            )
        ).first()
        return _training_evaluation(row) if row else None

    async def save(self, evaluation: TrainingEvaluation) -> None:
        behaviour = evaluation.records.get(KirkpatrickLevel.BEHAVIOUR)
        await self._session.merge(
            TrainingEvaluationRow(
                id=evaluation.id,
                completion_id=evaluation.completion_id,
                nip=evaluation.nip,
                agency_code=evaluation.agency_code,
                course_code=evaluation.course_code,
                competencies=evaluation.competencies,
                completed_at=evaluation.completed_at,
                due_at=evaluation.due_at,
                behaviour_recorded_at=behaviour.recorded_at if behaviour else None,
                records={
                    str(int(level)): _record_document(record)
                    for level, record in evaluation.records.items()
                },
            )
        )

    async def list(
        self,
        *,
        scope: Scope,
        status: EvaluationStatus | None,
        now: datetime,
        limit: int,
        offset: int,
    ) -> list[TrainingEvaluation]:
        row = TrainingEvaluationRow
        open_ = col(row.behaviour_recorded_at).is_(None)
        due_at = col(row.due_at)
        conditions = {
            EvaluationStatus.COMPLETED: col(row.behaviour_recorded_at).is_not(None),
            EvaluationStatus.UPCOMING: open_ & (due_at > now),
            EvaluationStatus.DUE: open_ & (due_at <= now) & (due_at > now - OVERDUE_AFTER),
            EvaluationStatus.OVERDUE: open_ & (due_at <= now - OVERDUE_AFTER),
        }
        query = select(row).where(within_agencies(row.agency_code, scope))
        if status is not None:
            query = query.where(conditions[status])
        query = query.order_by(due_at, col(row.id)).limit(limit).offset(offset)
        return [_training_evaluation(r) for r in await self._session.exec(query)]
