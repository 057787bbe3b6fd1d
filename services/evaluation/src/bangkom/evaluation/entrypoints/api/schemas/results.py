"""Bodies of /results."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from bangkom.evaluation.domain.model import AssessmentMethod, AssessmentResult
from bangkom.evaluation.entrypoints.api.schemas.examples import examples as _examples
from bangkom.platform.catalog.types import (
    AwareDatetime,
    CompetencyCode,
    FreeText,
    Level,
    NipStr,
)


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

    nip: NipStr  # digits only: it is looked up, and PostgreSQL refuses a NUL in a key
    competency_code: CompetencyCode
    level: Level
    method: AssessmentMethod
    evaluated_at: AwareDatetime = Field(description="When the competency was assessed")
    assessor: FreeText | None = Field(default=None, max_length=200)
    evidence: FreeText | None = Field(default=None, max_length=4000)


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
