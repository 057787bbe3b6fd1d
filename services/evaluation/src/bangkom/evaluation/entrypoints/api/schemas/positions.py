"""Bodies of /positions and their standards."""

from __future__ import annotations

from pydantic import BaseModel, Field

from bangkom.evaluation.domain.framework import PositionType
from bangkom.evaluation.domain.model import Position
from bangkom.evaluation.entrypoints.api.schemas.examples import examples as _examples
from bangkom.platform.catalog.types import Code, CompetencyCode, FreeText, Level


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
    name: FreeText = Field(min_length=1, max_length=200)
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
