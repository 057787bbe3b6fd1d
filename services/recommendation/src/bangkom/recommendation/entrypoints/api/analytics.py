"""Analytics for HR offices (BKPSDM): per agency and across the province, scoped by the
caller: an agency operator sees their agencies and what is below them, a province
administrator or a service sees every agency, an employee is refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.catalog.types import Day
from bangkom.platform.errors import InvalidInput
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.recommendation.domain.analytics import Interval
from bangkom.recommendation.domain.satisfaction_did import TrainingMapping
from bangkom.recommendation.entrypoints.api.deps import BusDep
from bangkom.recommendation.entrypoints.api.schemas.analytics import (
    AgencyJpmPublic,
    CompliancePublic,
    CourseEffectPublic,
    EffectFiguresPublic,
    EffectivenessPublic,
    EmployeeGapsOnPublic,
    HeatmapPublic,
    ProviderEffectPublic,
    TrendPointPublic,
    TrendPublic,
)
from bangkom.recommendation.entrypoints.api.schemas.satisfaction import DifferencePublic
from bangkom.recommendation.handlers.access import analytics_scope
from bangkom.recommendation.handlers.queries import analytics
from bangkom.recommendation.handlers.queries import satisfaction_did as did
from bangkom.recommendation.handlers.queries.analytics import Heatmap

AGENCY_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"description": "The caller is not an agency operator, administrator or service"},
    404: {"description": "`agency_code` is outside the caller's scope"},
}

router = ServiceRouter(
    prefix="/analytics",
    tags=["analytics"],
    responses={422: {"description": "A parameter is invalid; the body names it and says why"}},
)

AgencyQuery = Annotated[
    str | None,
    Query(
        max_length=64,
        description="Only this agency and those below it; it must be within the caller's "
        "scope. Omitted: every agency the caller sees.",
        examples=["12.73.BKPSDM"],
    ),
]
DepthQuery = Annotated[
    int | None,
    Query(
        ge=1,
        le=8,
        description="Roll agency codes up to this many segments and add their figures "
        "(1: province, 2: city or regency, 3: agency); never coarser than the caller's "
        "own agencies. Omitted: every agency code as it is.",
        examples=[2],
    ),
]
CompetencyQuery = Annotated[
    str | None,
    Query(max_length=48, description="Only this competency", examples=["M.05"]),
]
OnQuery = Annotated[
    Day | None,
    Query(
        description="Gaps as they were at the end of this day (WIB); not in the future. "
        "Omitted: the current gaps.",
        examples=["2025-06-30"],
    ),
]
YearQuery = Annotated[
    int | None,
    Query(ge=2000, le=2100, description="Calendar year (WIB)", examples=[2025]),
]


HEATMAP = (
    "Current gaps of active employees by their agency, or with `on` the gaps as they were "
    "at the end of that day (WIB) from the gap history. Never-assessed competencies are "
    "counted as *unknown*, outside the mean gap and % meeting standard."
)


@dataclass(frozen=True)
class HeatmapAsked:
    """The heatmap a request asks for, and the filters that name it."""

    agency_code: str | None
    on: date | None
    found: Heatmap


async def asked_heatmap(
    caller: CallerDep,
    bus: BusDep,
    agency_code: AgencyQuery = None,
    depth: DepthQuery = None,
    competency_code: CompetencyQuery = None,
    on: OnQuery = None,
) -> HeatmapAsked:
    """The heatmap of the query parameters: the JSON answer's and the download's."""
    async with bus.uow_factory() as uow:
        found = await analytics.gap_heatmap(
            uow,
            caller,
            agency_code=agency_code,
            depth=depth,
            competency_code=competency_code,
            on=on,
        )
    return HeatmapAsked(agency_code=agency_code, on=on, found=found)


HeatmapDep = Annotated[HeatmapAsked, Depends(asked_heatmap)]


@router.get(
    "/heatmap",
    responses=AGENCY_ERRORS,
    summary="Gap heatmap: agency x competency (employees, mean gap, % meeting standard)",
    description=HEATMAP,
)
async def heatmap(asked: HeatmapDep) -> HeatmapPublic:
    return HeatmapPublic.of(asked.found)


@router.get(
    "/jpm",
    responses=AGENCY_ERRORS,
    summary="Job-person match (JPM) distribution per agency, one agency a row",
    description="Per active employee JPM = sum(min(current, required)) / sum(required) x 100 "
    "over their standard, a never-assessed competency counting 0; bands: optimal from 90 %, "
    "cukup optimal from 78 %, kurang optimal below.",
)
async def jpm(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    agency_code: AgencyQuery = None,
    depth: DepthQuery = None,
) -> Page[AgencyJpmPublic]:
    async with bus.uow_factory() as uow:
        found = await analytics.jpm_distribution(uow, caller, agency_code=agency_code, depth=depth)
    return Page[AgencyJpmPublic].sliced(
        [AgencyJpmPublic.of(a.agency_code, a.distribution) for a in found], paging
    )


@router.get(
    "/compliance",
    responses=AGENCY_ERRORS,
    summary="20 JP compliance per agency for a year",
    description="Active PNS of each agency, how many earned fewer than 20 JP in the year "
    "(courses not failed, from any agency) and the JP they miss together.",
)
async def compliance(
    caller: CallerDep,
    bus: BusDep,
    year: YearQuery = None,
    agency_code: AgencyQuery = None,
    depth: DepthQuery = None,
) -> CompliancePublic:
    async with bus.uow_factory() as uow:
        found = await analytics.jp_compliance(
            uow, caller, year=year, agency_code=agency_code, depth=depth
        )
    return CompliancePublic.of(found)


@router.get(
    "/effectiveness",
    responses=AGENCY_ERRORS,
    summary="Training effectiveness: level change after each course, by course and provider",
    description="For each completion (not failed) and competency the course develops: the "
    "level before (current level when completed) and after (the current level now, when a "
    "result evaluated after the course set it). Pairs without both are unmeasured. With "
    "`before` and `after` (two SKM periods) each course's `l4` is filled: the IKM change of "
    "the units where the course trained the configured share of staff between the periods, "
    "against the units no mapped course trained (difference in differences).",
)
async def effectiveness(
    request: Request,
    caller: CallerDep,
    bus: BusDep,
    agency_code: AgencyQuery = None,
    year: Annotated[
        int | None,
        Query(ge=2000, le=2100, description="Only completions of this year (WIB)"),
    ] = None,
    course_code: Annotated[
        str | None, Query(max_length=64, description="Only this course", examples=["PP-01"])
    ] = None,
    provider: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Only courses of this provider",
            examples=["BPSDM Provinsi Sumatera Utara"],
        ),
    ] = None,
    before: Annotated[
        str | None, Query(min_length=1, max_length=64, description="SKM period for L4")
    ] = None,
    after: Annotated[
        str | None, Query(min_length=1, max_length=64, description="The later SKM period")
    ] = None,
) -> EffectivenessPublic:
    if (before is None) != (after is None):
        raise InvalidInput("give both before and after, or neither", field="after")
    mapping: TrainingMapping = request.app.state.training_mapping
    async with bus.uow_factory() as uow:
        found = await analytics.training_effectiveness(
            uow,
            caller,
            agency_code=agency_code,
            year=year,
            course_code=course_code,
            provider=provider,
        )
        changes = (
            await did.unit_changes(
                uow, analytics_scope(caller, agency_code), before, after, mapping
            )
            if before is not None and after is not None
            else None
        )

    def l4(course: str) -> DifferencePublic | None:
        if changes is None:
            return None
        return DifferencePublic.of(did.course_l4(changes, course, mapping))

    return EffectivenessPublic(
        courses=[CourseEffectPublic.of(c, l4(c.course_code)) for c in found.courses],
        providers=[
            ProviderEffectPublic(
                provider=p.provider, courses=p.courses, **EffectFiguresPublic.figures(p.tally)
            )
            for p in found.providers
        ],
    )


@router.get(
    "/trends",
    responses=AGENCY_ERRORS,
    summary="Mean gap and % meeting standard at the end of each month (or quarter, year)",
    description="From the gap history, as the gaps were at the end of each period (WIB); "
    "the running period shows the state now.",
)
async def trends(
    caller: CallerDep,
    bus: BusDep,
    agency_code: AgencyQuery = None,
    competency_code: CompetencyQuery = None,
    interval: Annotated[Interval, Query(description="Length of a period")] = Interval.MONTH,
    first: Annotated[
        Day | None,
        Query(
            description="A day in the first period. Omitted: 12 months, 8 quarters or 5 "
            "years back to `last`.",
            examples=["2025-01-01"],
        ),
    ] = None,
    last: Annotated[
        Day | None,
        Query(description="A day in the last period (default today, not in the future)"),
    ] = None,
) -> TrendPublic:
    async with bus.uow_factory() as uow:
        points = await analytics.gap_trend(
            uow,
            caller,
            agency_code=agency_code,
            interval=interval,
            first=first,
            last=last,
            competency_code=competency_code,
        )
    return TrendPublic(interval=interval, points=[TrendPointPublic.of_point(p) for p in points])


@router.get(
    "/employees/{nip}/gaps",
    summary="One employee's gaps as they were at the end of a day",
    description="Scoped like the employee's current gaps: their agency's operators, their "
    "supervisor and the employee themself.",
    responses={404: {"description": "No such employee within the caller's scope"}},
)
async def employee_gaps_on(
    caller: CallerDep,
    bus: BusDep,
    nip: Annotated[str, Path(description="NIP (18 digits)", examples=["198503152010012003"])],
    on: Annotated[
        Day,
        Query(description="The day (WIB); not in the future", examples=["2025-06-30"]),
    ],
) -> EmployeeGapsOnPublic:
    async with bus.uow_factory() as uow:
        found = await analytics.employee_gaps_on(uow, caller, nip, on)
    return EmployeeGapsOnPublic.of(found)
