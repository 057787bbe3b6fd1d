"""Bodies of /employees: the roster and an employee profile (levels, JPM)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from bangkom.evaluation.domain.model import AssessmentMethod
from bangkom.evaluation.entrypoints.api.schemas.examples import examples as _examples
from bangkom.kernel.jpm import Match, jpm_band
from bangkom.platform.catalog.types import Code, FreeText


class EmployeeCreate(BaseModel):
    model_config = _examples(
        {
            "nip": "198503152010012003",
            "name": "Rina Siregar",
            "agency_code": "12.73.BKPSDM",
            "position_code": "12.73.BKPSDM-KABID-PK",
            "supervisor_nip": "197912302005011004",
            "active": True,
        }
    )

    nip: str = Field(description="NIP or NI PPPK, 18 digits", examples=["198503152010012003"])
    name: FreeText = Field(min_length=1, max_length=200)
    agency_code: Code
    position_code: Code
    supervisor_nip: str | None = None
    active: bool = True


class EmployeePublic(BaseModel):
    nip: str
    name: str
    employment_type: str
    agency_code: str
    position_code: str
    supervisor_nip: str | None
    active: bool
    changed_at: datetime


class CompetencyLevelPublic(BaseModel):
    competency_code: str
    competency_name: str
    required_level: int | None = Field(description="None: not in the position's standard")
    current_level: int | None = Field(description="None: never assessed")
    current_method: AssessmentMethod | None
    evaluated_at: datetime | None


class JpmPublic(BaseModel):
    percent: float
    category: str
    assessed: int
    required: int  # competencies of the standard

    @classmethod
    def of(cls, found: Match) -> JpmPublic | None:
        """None without a standard to match against."""
        if (percent := found.jpm) is None:
            return None
        return cls(
            percent=percent,
            category=jpm_band(percent).value,
            assessed=found.assessed,
            required=found.competencies,
        )


class ProfilePublic(BaseModel):
    nip: str
    name: str
    agency_code: str
    position_code: str
    position_name: str | None
    standard_version: int | None
    competencies: list[CompetencyLevelPublic]
    jpm: JpmPublic | None = Field(description="Job-person match; None without a standard")
