"""Events published by the evaluation service."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from bangkom.platform.catalog import topics
from bangkom.platform.catalog.base import Event, Payload, Topic
from bangkom.platform.catalog.types import AwareDatetime, Code, CompetencyCode, Level, NipStr

SOURCE = "/bangkom/evaluation"

EmploymentType = Literal["PNS", "PPPK"]
AssessmentMethod = Literal["assessment_center", "cat", "360", "supervisor", "self", "post_training"]


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
    agency_code: Code
    version: int = Field(ge=1)
    levels: list[StandardLevel]
    published_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.position_code


class ResultRecorded(Event):
    """One assessed competency level of one employee."""

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

    @property
    def key(self) -> str:
        return self.nip
