"""Bodies of an employee's gaps."""

from __future__ import annotations

from pydantic import BaseModel, Field

from bangkom.kernel.gaps import Gap, GapStatus


class GapPublic(BaseModel):
    competency_code: str
    competency_name: str
    required_level: int
    current_level: int | None = Field(description="None: never assessed")
    gap: int | None = Field(description="required - current; None when unknown")
    status: GapStatus

    @classmethod
    def of(cls, gap: Gap) -> GapPublic:
        return cls(
            competency_code=gap.competency_code,
            competency_name=gap.competency_name,
            required_level=gap.required_level,
            current_level=gap.current_level,
            gap=gap.size,
            status=gap.status,
        )


class EmployeeGapsPublic(BaseModel):
    nip: str
    agency_code: str
    position_code: str
    standard_version: int | None
    gaps: list[GapPublic]
