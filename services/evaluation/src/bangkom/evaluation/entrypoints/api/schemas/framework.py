"""Bodies of /framework: versions of the dictionary, technical competencies."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from bangkom.evaluation.domain.framework import Competency, CompetencyGroup, PositionType
from bangkom.evaluation.entrypoints.api.schemas.examples import examples as _examples
from bangkom.platform.catalog.types import Code, CompetencyCode, FreeText, Level


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
            "related": ["M.06"],
        }
    )

    code: CompetencyCode
    name: FreeText = Field(min_length=1, max_length=200)
    group: CompetencyGroup
    agency_code: Code | None = None
    description: FreeText = Field(min_length=1, max_length=2000)
    levels: dict[Level, str] = Field(description="A description for each level 1-5")
    related: list[CompetencyCode] = Field(
        default_factory=list,
        max_length=9,
        description="Of a technical competency: the managerial and socio-cultural "
        "competencies it relates to (CASE isRelatedTo)",
    )

    def to_domain(self) -> Competency:
        return Competency(
            code=self.code,
            name=self.name,
            group=self.group,
            description=self.description,
            levels=dict(self.levels),
            agency_code=self.agency_code,
            related=tuple(sorted(set(self.related))),
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
            related=list(competency.related),
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

    note: FreeText | None = Field(default=None, max_length=500)
    public: bool = Field(
        default=False, description="Readable without a token at the CASE paths (/ims/case)"
    )
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
    public: bool
    competencies: list[CompetencyBody]
    position_type_defaults: dict[PositionType, dict[str, int]]


class FrameworkVisibility(BaseModel):
    public: bool = Field(description="Readable without a token at the CASE paths (/ims/case)")


class FrameworkVersionPublic(BaseModel):
    version: int
    published_at: datetime


class PositionImpactPublic(BaseModel):
    code: str
    name: str
    agency_code: str
    employees: int = Field(description="Active employees on it: their gaps are recalculated")


class FrameworkImpactPublic(BaseModel):
    version: int = Field(description="The version publishing now would make")
    positions: list[PositionImpactPublic] = Field(
        description="Positions whose standard would become a new version"
    )
    employees: int = Field(description="Active employees on those positions")
