"""Bodies of SKP ratings and their import."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from bangkom.career.domain.performance import Rating as RatingModel
from bangkom.career.domain.performance import SkpPredicate
from bangkom.career.handlers.on_commands.ratings import ImportReport
from bangkom.platform.catalog.types import AwareDatetime, NipStr


class RatingCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"nip": "198503122010012003", "year": 2025, "predicate": "baik"}]
        }
    )

    nip: NipStr
    year: int = Field(ge=2000, le=2100, description="The SKP year")
    predicate: SkpPredicate = Field(description="PermenPANRB 6/2022 predicate")
    rated_at: AwareDatetime | None = Field(default=None, description="Business time; now if absent")


class RatingPublic(BaseModel):
    nip: str
    year: int
    predicate: SkpPredicate
    rated_at: datetime

    @classmethod
    def of(cls, rating: RatingModel) -> RatingPublic:
        return cls(
            nip=rating.nip, year=rating.year, predicate=rating.predicate, rated_at=rating.rated_at
        )


class RowErrorPublic(BaseModel):
    row: int = Field(description="Row number as the spreadsheet shows it (header = 1)")
    field: str | None
    message: str


class ImportReportPublic(BaseModel):
    rows: int
    recorded: int
    errors: list[RowErrorPublic]

    @classmethod
    def of(cls, report: ImportReport) -> ImportReportPublic:
        return cls(
            rows=report.rows,
            recorded=report.recorded,
            errors=[
                RowErrorPublic(row=e.row, field=e.field, message=e.message) for e in report.errors
            ],
        )


class AssessmentCreate(BaseModel):
    score: float = Field(ge=0, le=100, description="Potential-assessment score, 0-100")
    assessed_at: AwareDatetime | None = None


class AssessmentPublic(BaseModel):
    nip: str
    score: float
