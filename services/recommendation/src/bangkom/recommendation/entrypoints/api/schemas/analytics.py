"""Response bodies of the analytics API."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from bangkom.kernel.gaps import Gap, GapStatus
from bangkom.kernel.jpm import JpmBand
from bangkom.recommendation.domain.analytics import EffectTally, GapTally, Interval
from bangkom.recommendation.domain.jpm import JpmDistribution
from bangkom.recommendation.entrypoints.api.schemas.satisfaction import DifferencePublic
from bangkom.recommendation.handlers.analytics_ports import (
    AgencyCompliance,
    CourseEffect,
    GapCell,
    PastGap,
)
from bangkom.recommendation.handlers.queries.analytics import (
    AgencyGaps,
    Compliance,
    EmployeeGapsOn,
    Heatmap,
    TrendPoint,
)


class GapFiguresPublic(BaseModel):
    met: int = Field(description="Assessed at or above the required level")
    open: int = Field(description="Assessed below the required level")
    unknown: int = Field(
        description="Never assessed: left out of the mean gap and the % meeting standard"
    )
    mean_gap: float | None = Field(
        description="Mean of required - current (0 when met) over assessed; None when "
        "nobody was assessed"
    )
    percent_meeting: float | None = Field(
        description="met / (met + open) x 100; None when nobody was assessed"
    )

    @classmethod
    def figures(cls, tally: GapTally) -> dict[str, int | float | None]:
        return {
            "met": tally.met,
            "open": tally.open,
            "unknown": tally.unknown,
            "mean_gap": tally.mean_gap,
            "percent_meeting": tally.percent_meeting,
        }

    @classmethod
    def of(cls, tally: GapTally) -> GapFiguresPublic:
        return cls(**cls.figures(tally))


class HeatmapCellPublic(GapFiguresPublic):
    competency_code: str
    competency_name: str | None = Field(
        description="None when no current standard names the competency any more"
    )
    employees: int = Field(description="Employees whose standard requires the competency")

    @classmethod
    def of_cell(cls, cell: GapCell) -> HeatmapCellPublic:
        return cls(
            competency_code=cell.competency_code,
            competency_name=cell.competency_name,
            employees=cell.tally.employees,
            **cls.figures(cell.tally),
        )


class AgencyHeatmapPublic(BaseModel):
    agency_code: str = Field(description="The agency, or the code agencies were rolled up to")
    employees: int = Field(description="Employees with at least one competency in a standard")
    total: GapFiguresPublic = Field(
        description="Over every employee x competency of the agency (counts are of pairs)"
    )
    competencies: list[HeatmapCellPublic]

    @classmethod
    def of(cls, agency: AgencyGaps) -> AgencyHeatmapPublic:
        return cls(
            agency_code=agency.agency_code,
            employees=agency.employees,
            total=GapFiguresPublic.of(agency.total),
            competencies=[HeatmapCellPublic.of_cell(c) for c in agency.competencies],
        )


class HeatmapPublic(BaseModel):
    at: datetime | None = Field(
        description="The instant the gaps are taken at (end of the asked day, WIB); "
        "None: the current gaps"
    )
    depth: int | None = Field(description="Segments agency codes were rolled up to")
    agencies: list[AgencyHeatmapPublic]

    @classmethod
    def of(cls, heatmap: Heatmap) -> HeatmapPublic:
        return cls(
            at=heatmap.at,
            depth=heatmap.depth,
            agencies=[AgencyHeatmapPublic.of(a) for a in heatmap.agencies],
        )


class JpmBandsPublic(BaseModel):
    optimal: int = Field(description="JPM of 90 % or more")
    cukup_optimal: int = Field(description="JPM from 78 % to below 90 %")
    kurang_optimal: int = Field(description="JPM below 78 %")


class AgencyJpmPublic(BaseModel):
    agency_code: str
    employees: int = Field(description="Active employees whose position has a standard")
    mean_jpm: float | None = Field(description="Mean of the employees' JPM (%)")
    bands: JpmBandsPublic
    not_assessed: int = Field(
        description="Employees with no competency assessed (their JPM counts as 0)"
    )

    @classmethod
    def of(cls, agency_code: str, distribution: JpmDistribution) -> AgencyJpmPublic:
        return cls(
            agency_code=agency_code,
            employees=distribution.employees,
            mean_jpm=distribution.mean,
            bands=JpmBandsPublic(
                optimal=distribution.bands[JpmBand.OPTIMAL],
                cukup_optimal=distribution.bands[JpmBand.CUKUP_OPTIMAL],
                kurang_optimal=distribution.bands[JpmBand.KURANG_OPTIMAL],
            ),
            not_assessed=distribution.not_assessed,
        )


class AgencyCompliancePublic(BaseModel):
    agency_code: str
    employees: int = Field(description="Active PNS (PPPK staff have no 20 JP duty)")
    below_target: int = Field(description="Employees with fewer than 20 JP in the year")
    compliant: int = Field(description="Employees with 20 JP or more")
    percent_compliant: float | None
    jp_missing: int = Field(description="Sum of 20 - JP over the employees below 20")
    jp_total: int = Field(description="JP earned in the year (failed courses credit none)")

    @classmethod
    def of(cls, agency: AgencyCompliance) -> AgencyCompliancePublic:
        tally = agency.tally
        return cls(
            agency_code=agency.agency_code,
            employees=tally.employees,
            below_target=tally.below_target,
            compliant=tally.compliant,
            percent_compliant=tally.percent_compliant,
            jp_missing=tally.jp_missing,
            jp_total=tally.jp_total,
        )


class CompliancePublic(BaseModel):
    year: int = Field(description="Calendar year (WIB) the JP were earned in")
    target_jp: int
    agencies: list[AgencyCompliancePublic]

    @classmethod
    def of(cls, compliance: Compliance) -> CompliancePublic:
        return cls(
            year=compliance.year,
            target_jp=compliance.target,
            agencies=[AgencyCompliancePublic.of(a) for a in compliance.agencies],
        )


class EffectFiguresPublic(BaseModel):
    completions: int = Field(description="Completions (not failed) of the course(s)")
    measured: int = Field(
        description="Completion x competency pairs with a level before and after the course"
    )
    unmeasured: int = Field(description="Pairs missing the level before or after")
    mean_level_change: float | None = Field(description="Mean of after - before over measured")
    percent_improved: float | None = Field(description="Measured pairs whose level rose (%)")

    @classmethod
    def figures(cls, tally: EffectTally) -> dict[str, int | float | None]:
        return {
            "completions": tally.completions,
            "measured": tally.measured,
            "unmeasured": tally.unmeasured,
            "mean_level_change": tally.mean_change,
            "percent_improved": tally.percent_improved,
        }


class CourseEffectPublic(EffectFiguresPublic):
    course_code: str
    title: str | None
    provider: str | None
    l4: DifferencePublic | None = Field(
        default=None,
        description="Kirkpatrick L4: the IKM change of units this course trained minus that "
        "of untrained units, between the SKM periods asked (null when none were asked)",
    )

    @classmethod
    def of(cls, course: CourseEffect, l4: DifferencePublic | None = None) -> CourseEffectPublic:
        return cls(
            course_code=course.course_code,
            title=course.title,
            provider=course.provider,
            l4=l4,
            **cls.figures(course.tally),
        )


class ProviderEffectPublic(EffectFiguresPublic):
    provider: str = Field(description="Empty when the course has no provider or is unknown")
    courses: int


class EffectivenessPublic(BaseModel):
    courses: list[CourseEffectPublic]
    providers: list[ProviderEffectPublic]


class TrendPointPublic(GapFiguresPublic):
    period_start: date = Field(description="First day of the period")
    at: datetime = Field(description="End of the period (WIB), or now for the running one")
    gaps: int = Field(description="Employee x competency pairs counted")

    @classmethod
    def of_point(cls, point: TrendPoint) -> TrendPointPublic:
        return cls(
            period_start=point.period.starts_on,
            at=point.at,
            gaps=point.tally.employees,
            **cls.figures(point.tally),
        )


class TrendPublic(BaseModel):
    interval: Interval
    points: list[TrendPointPublic]


class PastGapPublic(BaseModel):
    competency_code: str
    competency_name: str | None
    agency_code: str = Field(description="The employee's agency at the time")
    required_level: int
    current_level: int | None = Field(description="None: not assessed at the time")
    gap: int | None
    status: GapStatus
    valid_from: datetime = Field(description="Since when the gap was so")
    valid_to: datetime | None = Field(description="Until when; None: still so")

    @classmethod
    def of(cls, past: PastGap) -> PastGapPublic:
        gap = Gap(
            past.competency_code,
            past.competency_name or "",
            past.required_level,
            past.current_level,
        )
        return cls(
            competency_code=past.competency_code,
            competency_name=past.competency_name,
            agency_code=past.agency_code,
            required_level=past.required_level,
            current_level=past.current_level,
            gap=gap.size,
            status=gap.status,
            valid_from=past.valid_from,
            valid_to=past.valid_to,
        )


class EmployeeGapsOnPublic(BaseModel):
    nip: str
    on: date
    at: datetime = Field(description="The instant the gaps are taken at (end of day, WIB)")
    gaps: list[PastGapPublic]

    @classmethod
    def of(cls, found: EmployeeGapsOn) -> EmployeeGapsOnPublic:
        return cls(
            nip=found.nip,
            on=found.on,
            at=found.at,
            gaps=[PastGapPublic.of(g) for g in found.gaps],
        )
