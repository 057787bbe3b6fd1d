"""Request and response bodies (the table classes are never returned directly)."""

from __future__ import annotations

from datetime import datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from bangkom.evaluation.domain.model import AssessmentMethod
from bangkom.platform.catalog.types import Code, CompetencyCode, Level


class PositionCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": "1273-BKPSDM-KABID-PK",
                    "name": "Kepala Bidang Pengembangan Kompetensi",
                    "agency_code": "1273.BKPSDM",
                    "standard": {"M.01": 3, "M.02": 3, "M.05": 3, "SK.01": 3},
                }
            ]
        }
    )

    code: Code
    name: str = Field(min_length=1, max_length=200)
    agency_code: Code
    standard: dict[CompetencyCode, Level] = Field(description="Required level per competency code")


class PositionPublic(BaseModel):
    code: str
    name: str
    agency_code: str
    standard: dict[str, int]
    standard_version: int


class EmployeeCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nip": "198503152010012003",
                    "name": "Rina Siregar",
                    "agency_code": "1273.BKPSDM",
                    "position_code": "1273-BKPSDM-KABID-PK",
                    "active": True,
                }
            ]
        }
    )

    nip: str = Field(description="NIP or NI PPPK, 18 digits", examples=["198503152010012003"])
    name: str = Field(min_length=1, max_length=200)
    agency_code: Code
    position_code: Code
    active: bool = True


class EmployeePublic(BaseModel):
    nip: str
    name: str
    employment_type: str
    agency_code: str
    position_code: str
    active: bool
    changed_at: datetime


class ResultCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nip": "198503152010012003",
                    "competency_code": "M.05",
                    "level": 2,
                    "method": "assessment_center",
                    "evaluated_at": "2026-11-20T09:00:00+07:00",
                    "assessor": "UPT Penilaian Kompetensi Provinsi",
                    "evidence": "Simulasi pelayanan, in-tray",
                }
            ]
        }
    )

    nip: str = Field(min_length=18, max_length=18)
    competency_code: CompetencyCode
    level: Level
    method: AssessmentMethod
    evaluated_at: AwareDatetime = Field(description="When the competency was assessed")
    assessor: str | None = Field(default=None, max_length=200)
    evidence: str | None = Field(default=None, max_length=4000)


class ResultPublic(BaseModel):
    id: str
    nip: str
    competency_code: str
    level: int
    method: AssessmentMethod
    evaluated_at: datetime
    assessor: str | None
    evidence: str | None
