"""Events published by the survey service."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from bangkom.platform.catalog import topics
from bangkom.platform.catalog.base import Event, Payload, Topic
from bangkom.platform.catalog.training import LearningMode
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
    competency_name: str | None = None
    respondents: int = Field(description="Respondents who answered for this competency")
    respondents_with_gap: int | None = Field(
        default=None, description="Of whom perceive a level below their standard"
    )
    mean_importance: float = Field(description="1-5")
    mean_gap: float = Field(
        description="Mean of max(required - perceived, 0); perceived = the supervisor's "
        "rating, else the respondent's own"
    )
    priority: float = Field(description="The survey service's priority score")
    rank: int = Field(ge=1, description="1 = the agency's most pressing need")
    preferred_learning_mode: LearningMode | None = Field(
        default=None, description="The mode most respondents chose"
    )


class NeedsAggregated(Event):
    """An agency's training needs from a closed survey, per competency, ranked."""

    TYPE: ClassVar[str] = "id.go.bangkom.survey.needs.aggregated.v1"
    TOPIC: ClassVar[Topic] = topics.NEEDS
    SOURCE: ClassVar[str] = SOURCE

    survey_id: str
    agency_code: Code
    period: str
    headcount: int = Field(description="Eligible respondents in the agency")
    respondents: int | None = Field(default=None, description="Of whom answered")
    needs: list[Need]
    aggregated_at: AwareDatetime

    @property
    def key(self) -> str:
        return self.agency_code


class PublicSatisfactionPublished(Event):
    """A service unit's SKM period closed: its IKM as PermenPANRB 14/2017 scores it."""

    TYPE: ClassVar[str] = "id.go.bangkom.survey.public-satisfaction.published.v1"
    TOPIC: ClassVar[Topic] = topics.PUBLIC_SATISFACTION
    SOURCE: ClassVar[str] = SOURCE

    period_id: str
    unit_code: Code
    period: str = Field(description="The period's label, e.g. '2026 semester 2'")
    respondents: int
    population: int = Field(description="People the unit served in the period")
    sample_sufficient: bool = Field(description="Respondents reach Krejcie and Morgan's sample")
    ikm: float = Field(description="IKM on the 1-4 scale")
    converted: float = Field(description="IKM on the 25-100 scale")
    spread: float | None = Field(
        default=None, description="Standard deviation of the respondents' own IKM (25-100)"
    )
    grade: Literal["A", "B", "C", "D"]
    elements: dict[str, float] = Field(description="Each element's NRR (1-4)")
    closed_at: AwareDatetime

    @property
    def key(self) -> str:
        return f"{self.unit_code}|{self.period}"
