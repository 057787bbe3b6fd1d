"""Events published by the evaluation service."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from bangkom.kernel.gaps import Requirement
from bangkom.platform.catalog import topics
from bangkom.platform.catalog.base import Event, Payload, Topic
from bangkom.platform.catalog.types import AwareDatetime, Code, CompetencyCode, Level, NipStr

SOURCE = "/bangkom/evaluation"

EmploymentType = Literal["PNS", "PPPK"]
AssessmentMethod = Literal["assessment_center", "cat", "360", "supervisor", "self", "post_training"]
AgencyKind = Literal["province", "regency", "city", "agency", "unit"]
CompetencyGroup = Literal["manajerial", "sosial_kultural", "teknis"]
PositionType = Literal[
    "jpt_utama",
    "jpt_madya",
    "jpt_pratama",
    "administrator",
    "pengawas",
    "pelaksana",
    "fungsional_ahli_utama",
    "fungsional_ahli_madya",
    "fungsional_ahli_muda",
    "fungsional_ahli_pertama",
    "fungsional_penyelia",
    "fungsional_mahir",
    "fungsional_terampil",
    "fungsional_pemula",
]


class AgencyUpdated(Event):
    """The current state of one agency in the hierarchy."""

    TYPE: ClassVar[str] = "id.go.bangkom.evaluation.agency.updated.v1"
    TOPIC: ClassVar[Topic] = topics.AGENCIES
    SOURCE: ClassVar[str] = SOURCE

    agency_code: Code = Field(description="Hierarchical: '12', '12.73', '12.73.BKPSDM', ...")
    name: str
    kind: AgencyKind
    parent_code: Code | None
    active: bool
    changed_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.agency_code


class LevelDescription(Payload):
    level: Level
    description: str


class CompetencyDefinition(Payload):
    code: CompetencyCode
    name: str
    group: CompetencyGroup
    agency_code: Code | None = Field(default=None, description="Owner of a technical competency")
    description: str
    levels: list[LevelDescription]


class RequiredLevel(Payload):
    competency_code: CompetencyCode
    required_level: Level


class PositionTypeDefault(Payload):
    position_type: PositionType
    levels: list[RequiredLevel]


class FrameworkPublished(Event):
    """A new version of the competency dictionary and of the default required levels
    per position type. Older versions stay readable in the evaluation service."""

    TYPE: ClassVar[str] = "id.go.bangkom.evaluation.framework.published.v1"
    TOPIC: ClassVar[Topic] = topics.FRAMEWORK
    SOURCE: ClassVar[str] = SOURCE

    version: int = Field(ge=1)
    competencies: list[CompetencyDefinition]
    position_type_defaults: list[PositionTypeDefault]
    published_at: AwareDatetime

    @property
    def key(self) -> str:
        return "framework"


class TechnicalCompetencyUpdated(Event):
    """A technical competency defined by one agency (its current version)."""

    TYPE: ClassVar[str] = "id.go.bangkom.evaluation.technical-competency.updated.v1"
    TOPIC: ClassVar[Topic] = topics.FRAMEWORK
    SOURCE: ClassVar[str] = SOURCE

    competency: CompetencyDefinition
    version: int = Field(ge=1)
    changed_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.competency.code


class EmployeeUpdated(Event):
    """The roster's current state of one employee (created, moved, deactivated)."""

    TYPE: ClassVar[str] = "id.go.bangkom.evaluation.employee.updated.v1"
    TOPIC: ClassVar[Topic] = topics.ROSTER
    SOURCE: ClassVar[str] = SOURCE

    nip: NipStr
    name: str
    employment_type: EmploymentType
    agency_code: Code
    position_code: Code
    supervisor_nip: NipStr | None = Field(default=None, description="Direct supervisor (atasan)")
    active: bool
    changed_at: AwareDatetime = Field(description="Business time of the change")

    @property
    def key(self) -> str:
        return self.nip


class StandardLevel(Payload):
    competency_code: CompetencyCode
    competency_name: str
    required_level: Level


class StandardPublished(Event):
    """A position's competency standard; a newer version replaces the older one."""

    TYPE: ClassVar[str] = "id.go.bangkom.evaluation.standard.published.v1"
    TOPIC: ClassVar[Topic] = topics.STANDARDS
    SOURCE: ClassVar[str] = SOURCE

    position_code: Code
    position_name: str
    position_type: PositionType | None = None
    agency_code: Code
    version: int = Field(ge=1)
    framework_version: int | None = None
    levels: list[StandardLevel]
    published_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.position_code

    def requirements(self) -> dict[str, Requirement]:
        """The standard as the gap rule reads it, by competency code."""
        return {
            level.competency_code: Requirement(
                level.competency_code, level.competency_name, level.required_level
            )
            for level in self.levels
        }


class ResultRecorded(Event):
    """One assessed competency level of one employee.

    ``period`` and ``method_rank`` carry the evaluation service's rule for which
    result is current: a result supersedes another when (period, method_rank,
    evaluated_at, result_id) is greater. Consumers compare; they do not re-derive.
    """

    TYPE: ClassVar[str] = "id.go.bangkom.evaluation.result.recorded.v1"
    TOPIC: ClassVar[Topic] = topics.RESULTS
    SOURCE: ClassVar[str] = SOURCE

    result_id: str
    nip: NipStr
    agency_code: Code
    competency_code: CompetencyCode
    level: Level
    method: AssessmentMethod
    evaluated_at: AwareDatetime = Field(description="When the competency was assessed")
    period: int = Field(description="Assessment period (year) of evaluated_at")
    method_rank: int = Field(ge=1, description="Weight of the method within a period")

    @property
    def key(self) -> str:
        return self.nip


class AssessedResult(Payload):
    result_id: str
    competency_code: CompetencyCode
    level: Level
    method: AssessmentMethod
    evaluated_at: AwareDatetime
    period: int
    method_rank: int = Field(ge=1)


class ResultsRecorded(Event):
    """Several results of one employee recorded together (an assessment sitting or a file
    import): consumers recalculate once. Precedence as in ResultRecorded."""

    TYPE: ClassVar[str] = "id.go.bangkom.evaluation.results.recorded.v1"
    TOPIC: ClassVar[Topic] = topics.RESULTS
    SOURCE: ClassVar[str] = SOURCE

    nip: NipStr
    agency_code: Code
    results: list[AssessedResult] = Field(min_length=1)

    @property
    def key(self) -> str:
        return self.nip


class TrainingEvaluationScheduled(Event):
    """A post-training (Kirkpatrick L3) evaluation is due for one completed course."""

    TYPE: ClassVar[str] = "id.go.bangkom.evaluation.training-evaluation.scheduled.v1"
    TOPIC: ClassVar[Topic] = topics.TRAINING_EVALUATIONS
    SOURCE: ClassVar[str] = SOURCE

    evaluation_id: str
    completion_id: str
    nip: NipStr
    agency_code: Code
    course_code: Code
    completed_at: AwareDatetime
    due_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.nip


class CompetencyLevel(Payload):
    competency_code: CompetencyCode
    level: Level


class TrainingEvaluationRecorded(Event):
    """One Kirkpatrick level (1 reaction, 2 learning, 3 behaviour, 4 results) recorded."""

    TYPE: ClassVar[str] = "id.go.bangkom.evaluation.training-evaluation.recorded.v1"
    TOPIC: ClassVar[Topic] = topics.TRAINING_EVALUATIONS
    SOURCE: ClassVar[str] = SOURCE

    evaluation_id: str
    nip: NipStr
    agency_code: Code
    course_code: Code
    kirkpatrick_level: int = Field(ge=1, le=4)
    score: float | None = Field(default=None, description="L1 satisfaction or L2 post-test")
    pre_score: float | None = Field(default=None, description="L2 pre-test")
    competency_levels: list[CompetencyLevel] = Field(default_factory=list)
    note: str | None = None
    recorded_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.nip
