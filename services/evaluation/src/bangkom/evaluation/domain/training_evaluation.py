"""Post-training evaluation (Kirkpatrick): L1 reaction, L2 learning (pre/post test),
L3 behaviour on the job some months later, L4 results.

A completed course schedules the L3 evaluation. It is *upcoming* until its due
date, *due* from then, *overdue* once OVERDUE_AFTER has passed without an L3
record, and *completed* when L3 is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum

from bangkom.evaluation.domain.competency import check_competency_code, check_level

OVERDUE_AFTER = timedelta(days=30)


class KirkpatrickLevel(IntEnum):
    REACTION = 1
    LEARNING = 2
    BEHAVIOUR = 3
    RESULTS = 4


class EvaluationStatus(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    COMPLETED = "completed"


class InvalidEvaluation(ValueError):
    """A post-training evaluation record that does not fit its level."""


@dataclass(frozen=True)
class LevelRecord:
    level: KirkpatrickLevel
    recorded_at: datetime
    score: float | None = None
    pre_score: float | None = None
    competency_levels: dict[str, int] = field(default_factory=dict)
    note: str | None = None

    def __post_init__(self) -> None:
        for value, name in ((self.score, "score"), (self.pre_score, "pre_score")):
            if value is not None and not 0 <= value <= 100:
                raise InvalidEvaluation(f"{name} {value} must be within 0-100")
        if self.pre_score is not None and self.level is not KirkpatrickLevel.LEARNING:
            raise InvalidEvaluation("only L2 (learning) has a pre-test score")
        if self.competency_levels and self.level not in (
            KirkpatrickLevel.LEARNING,
            KirkpatrickLevel.BEHAVIOUR,
        ):
            raise InvalidEvaluation("competency levels are measured at L2 or L3 only")
        if self.level is KirkpatrickLevel.BEHAVIOUR and not self.competency_levels:
            raise InvalidEvaluation("L3 (behaviour) records the level observed per competency")
        for code, level in self.competency_levels.items():
            check_competency_code(code)
            check_level(level)


@dataclass
class TrainingEvaluation:
    id: str
    completion_id: str
    nip: str
    agency_code: str
    course_code: str
    competencies: list[str]
    completed_at: datetime
    due_at: datetime
    records: dict[KirkpatrickLevel, LevelRecord] = field(default_factory=dict)

    @classmethod
    def schedule(
        cls,
        *,
        evaluation_id: str,
        completion_id: str,
        nip: str,
        agency_code: str,
        course_code: str,
        competencies: list[str],
        completed_at: datetime,
        delay: timedelta,
    ) -> TrainingEvaluation:
        return cls(
            id=evaluation_id,
            completion_id=completion_id,
            nip=nip,
            agency_code=agency_code,
            course_code=course_code,
            competencies=competencies,
            completed_at=completed_at,
            due_at=completed_at + delay,
        )

    def status(self, now: datetime) -> EvaluationStatus:
        if KirkpatrickLevel.BEHAVIOUR in self.records:
            return EvaluationStatus.COMPLETED
        if now < self.due_at:
            return EvaluationStatus.UPCOMING
        if now < self.due_at + OVERDUE_AFTER:
            return EvaluationStatus.DUE
        return EvaluationStatus.OVERDUE

    def record(self, record: LevelRecord) -> None:
        unknown = set(record.competency_levels) - set(self.competencies)
        if unknown:
            raise InvalidEvaluation(
                f"course {self.course_code} does not develop {', '.join(sorted(unknown))}"
            )
        if record.level is KirkpatrickLevel.BEHAVIOUR and record.recorded_at < self.completed_at:
            raise InvalidEvaluation("L3 is observed after the training, not before")
        self.records[record.level] = record
