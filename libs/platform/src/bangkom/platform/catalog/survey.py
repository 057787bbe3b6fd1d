"""Events published by the survey service."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from bangkom.platform.catalog import topics
from bangkom.platform.catalog.base import Event, Payload, Topic
from bangkom.platform.catalog.types import AwareDatetime, Code, CompetencyCode

SOURCE = "/bangkom/survey"

SurveyStatus = Literal["draft", "open", "closed"]


class SurveyStatusChanged(Event):
    """A survey campaign was created, opened or closed."""

    TYPE: ClassVar[str] = "id.go.bangkom.survey.survey.status-changed.v1"
    TOPIC: ClassVar[Topic] = topics.SURVEYS
    SOURCE: ClassVar[str] = SOURCE

    survey_id: str
    title: str
    period: str = Field(description="Planning period, e.g. '2027'")
    agency_codes: list[Code]
    status: SurveyStatus
    changed_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.survey_id


class Need(Payload):
    competency_code: CompetencyCode
    respondents: int
    mean_importance: float = Field(description="1-5")
    mean_gap: float = Field(description="Mean of (required - perceived level)")
    priority: float = Field(description="The survey service's priority score")
    rank: int = Field(ge=1, description="1 = the agency's most pressing need")


class NeedsAggregated(Event):
    """An agency's training needs from a closed survey, per competency, ranked."""

    TYPE: ClassVar[str] = "id.go.bangkom.survey.needs.aggregated.v1"
    TOPIC: ClassVar[Topic] = topics.NEEDS
    SOURCE: ClassVar[str] = SOURCE

    survey_id: str
    agency_code: Code
    period: str
    headcount: int = Field(description="Eligible respondents in the agency")
    needs: list[Need]
    aggregated_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.agency_code
