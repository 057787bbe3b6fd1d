"""Request and response bodies (the table classes are never returned directly)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from bangkom.evaluation.domain.agency import Agency, AgencyKind
from bangkom.evaluation.domain.framework import Competency, CompetencyGroup, PositionType
from bangkom.evaluation.domain.model import AssessmentMethod, AssessmentResult, Position
from bangkom.platform.catalog.types import Code, CompetencyCode, Level


def _examples(*examples: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": list(examples)})


class AgencyCreate(BaseModel):
    model_config = _examples(
        {
            "code": "12.73.BKPSDM",
            "name": "Badan Kepegawaian dan Pengembangan SDM Kota Pematangsiantar",
            "kind": "agency",
            "parent_code": "12.73",
        }
    )

    code: Code
    name: str = Field(min_length=1, max_length=200)
    kind: AgencyKind
    parent_code: Code | None = None
    active: bool = True


class AgencyPublic(BaseModel):
    code: str
    name: str
    kind: AgencyKind
    parent_code: str | None
    active: bool
    changed_at: datetime

    @classmethod
    def of(cls, agency: Agency) -> AgencyPublic:
        return cls(**agency.__dict__)


class CompetencyBody(BaseModel):
    model_config = _examples(
        {
            "code": "T.12.73.BKPSDM.01",
            "name": "Manajemen Talenta ASN",
            "group": "teknis",
            "agency_code": "12.73.BKPSDM",
            "description": "Mengelola pemetaan, pengembangan dan penempatan talenta ASN.",
            "levels": {
                "1": "Memahami konsep dasar manajemen talenta.",
                "2": "Menyusun data profil talenta pegawai.",
                "3": "Melakukan pemetaan talenta (nine box) di instansi.",
                "4": "Merancang program pengembangan talenta.",
                "5": "Mengarahkan kebijakan manajemen talenta daerah.",
            },
        }
    )

    code: CompetencyCode
    name: str = Field(min_length=1, max_length=200)
    group: CompetencyGroup
    agency_code: Code | None = None
    description: str = Field(min_length=1, max_length=2000)
    levels: dict[Level, str] = Field(description="A description for each level 1-5")

    def to_domain(self) -> Competency:
        return Competency(
            code=self.code,
            name=self.name,
            group=self.group,
            description=self.description,
            levels=dict(self.levels),
            agency_code=self.agency_code,
        )

    @classmethod
    def of(cls, competency: Competency) -> CompetencyBody:
        return cls(
            code=competency.code,
            name=competency.name,
            group=competency.group,
            agency_code=competency.agency_code,
            description=competency.description,
            levels=dict(competency.levels),
        )


class TechnicalCompetencyPublic(CompetencyBody):
    version: int


class FrameworkCreate(BaseModel):
    model_config = _examples(
        {
            "note": "Standar Pelayanan Publik dinaikkan untuk jabatan pengawas",
            "position_type_defaults": {
                "pengawas": {
                    "M.01": 2,
                    "M.02": 2,
                    "M.03": 2,
                    "M.04": 2,
                    "M.05": 3,
                    "M.06": 2,
                    "M.07": 2,
                    "M.08": 2,
                    "SK.01": 2,
                }
            },
        }
    )

    note: str | None = Field(default=None, max_length=500)
    competencies: list[CompetencyBody] | None = Field(
        default=None, description="The whole dictionary; omitted: carried over"
    )
    position_type_defaults: dict[PositionType, dict[CompetencyCode, Level]] | None = Field(
        default=None,
        description="Position types whose defaults change; the others carry over",
    )


class FrameworkPublic(BaseModel):
    version: int
    published_at: datetime
    note: str | None
    competencies: list[CompetencyBody]
    position_type_defaults: dict[PositionType, dict[str, int]]


class FrameworkVersionPublic(BaseModel):
    version: int
    published_at: datetime


class PositionCreate(BaseModel):
    model_config = _examples(
        {
            "code": "12.73.BKPSDM-KABID-PK",
            "name": "Kepala Bidang Pengembangan Kompetensi",
            "agency_code": "12.73.BKPSDM",
            "position_type": "administrator",
            "overrides": {"M.06": 4},
            "technical": {"T.12.73.BKPSDM.01": 3},
        }
    )

    code: Code
    name: str = Field(min_length=1, max_length=200)
    agency_code: Code
    position_type: PositionType
    overrides: dict[CompetencyCode, Level] = Field(
        default_factory=dict, description="Levels that differ from the position type's default"
    )
    technical: dict[CompetencyCode, Level] = Field(
        default_factory=dict, description="Technical competencies this position requires"
    )


class PositionPublic(BaseModel):
    code: str
    name: str
    agency_code: str
    position_type: PositionType
    overrides: dict[str, int]
    technical: dict[str, int]
    standard: dict[str, int] = Field(description="The effective standard")
    standard_version: int
    framework_version: int

    @classmethod
    def of(cls, position: Position) -> PositionPublic:
        return cls(**position.__dict__)


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
    name: str = Field(min_length=1, max_length=200)
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


class ResultCreate(BaseModel):
    model_config = _examples(
        {
            "nip": "198503152010012003",
            "competency_code": "M.05",
            "level": 2,
            "method": "assessment_center",
            "evaluated_at": "2026-11-20T09:00:00+07:00",
            "assessor": "UPT Penilaian Kompetensi Provinsi",
            "evidence": "Simulasi pelayanan, in-tray",
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

    @classmethod
    def of(cls, result: AssessmentResult) -> ResultPublic:
        return cls(**result.__dict__)


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
    required: int


class ProfilePublic(BaseModel):
    nip: str
    name: str
    agency_code: str
    position_code: str
    position_name: str | None
    standard_version: int | None
    competencies: list[CompetencyLevelPublic]
    jpm: JpmPublic | None = Field(description="Job-person match; None without a standard")
