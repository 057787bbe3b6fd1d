"""Bodies of the aggregated needs."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class NeedPublic(BaseModel):
    rank: int = Field(description="1 = the agency's most pressing need")
    competency_code: str
    competency_name: str
    respondents: int
    respondents_with_gap: int
    mean_importance: float
    mean_gap: float = Field(description="Mean of max(required - perceived, 0)")
    share_with_gap: float
    priority: float = Field(description="mean_importance x mean_gap x share_with_gap (0-20)")
    preferred_learning_mode: str | None
    learning_modes: dict[str, int] = Field(description="How many chose each mode")


class AgencyNeedsPublic(BaseModel):
    agency_code: str
    headcount: int = Field(description="Eligible respondents")
    respondents: int = Field(description="Of whom answered")
    aggregated_at: datetime
    needs: list[NeedPublic]


class SurveyNeedsPublic(BaseModel):
    survey_id: str
    title: str
    period: str
    agencies: list[AgencyNeedsPublic]
