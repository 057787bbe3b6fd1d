"""Bodies of the 20 JP compliance figures and of course demand."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from bangkom.platform.web.paging import Page
from bangkom.training.domain.demand import CourseDemand
from bangkom.training.domain.ledger import TARGET_JP, EmployeeCompliance
from bangkom.training.handlers.on_commands import ComplianceCheck
from bangkom.training.handlers.queries import AgencyCompliance


class AgencyCompliancePublic(BaseModel):
    agency_code: str
    year: int
    target_jp: int = TARGET_JP
    employees: int = Field(description="Active PNS counted for the 20 JP duty")
    below_target: int = Field(description="Employees with fewer than 20 JP so far")
    jp_missing: int = Field(description="JP still missing to bring everyone to 20")
    jp_total: int = Field(description="All JP earned this year")
    jp_toward_target: int = Field(description="JP earned toward 20 (each employee up to 20)")
    as_of: datetime
    expected_jp_to_date: float = Field(description="JP toward 20 the linear pace calls for")
    behind_pace: bool

    @classmethod
    def of(cls, found: AgencyCompliance) -> AgencyCompliancePublic:
        figures, pace = found.figures, found.pace
        return cls(
            agency_code=figures.agency_code,
            year=figures.year,
            employees=figures.employees,
            below_target=figures.below_target,
            jp_missing=figures.jp_missing,
            jp_total=figures.jp_total,
            jp_toward_target=figures.jp_toward_target,
            as_of=pace.as_of,
            expected_jp_to_date=round(pace.expected_jp, 2),
            behind_pace=pace.behind,
        )


class ComplianceCheckCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"year": 2027}, {}]})

    year: int | None = Field(default=None, ge=2000, le=2100, description="Default: this year")


class ComplianceCheckPublic(AgencyCompliancePublic):
    alerted: bool = Field(description="ComplianceFellBehind was published by this check")

    @classmethod
    def of_check(cls, check: ComplianceCheck) -> ComplianceCheckPublic:
        found = AgencyCompliancePublic.of(AgencyCompliance(check.figures, check.pace))
        return cls(**found.model_dump(), alerted=check.alerted)


class ComplianceChecksPublic(BaseModel):
    checks: list[ComplianceCheckPublic] = Field(description="Every agency checked")


class EmployeeCompliancePublic(BaseModel):
    nip: str
    name: str
    agency_code: str
    year: int
    jp: int
    missing_jp: int

    @classmethod
    def of(cls, found: EmployeeCompliance) -> EmployeeCompliancePublic:
        return cls(**found.__dict__, missing_jp=found.missing_jp)


EmployeesCompliancePublic = Page[EmployeeCompliancePublic]


class CourseDemandPublic(BaseModel):
    course_code: str
    title: str
    period: str
    people: int = Field(description="People needing a competency the course develops")
    people_per_agency: dict[str, int]
    class_size: int = Field(description="Capacity of the latest session, or the default 30")
    sessions_needed: int
    sessions_scheduled: int = Field(description="Planned or open sessions not yet started")
    suggested_sessions: int = Field(description="Sessions still to plan")

    @classmethod
    def of(cls, demand: CourseDemand) -> CourseDemandPublic:
        return cls(
            **demand.__dict__,
            people=demand.people,
            sessions_needed=demand.sessions_needed,
            suggested_sessions=demand.suggested_sessions,
        )
