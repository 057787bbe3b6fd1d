"""gRPC AgencyHeatmap of bangkom.recommendation.v1: the same query and scope as
GET /analytics/heatmap (RecommendationServicer delegates here)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import grpc

from bangkom.platform.auth.rpc import grpc_caller
from bangkom.platform.errors import AccessDenied, InvalidInput, NotFound, ServiceError
from bangkom.proto.recommendation.v1 import recommendation_pb2 as pb
from bangkom.recommendation.domain.analytics import GapTally
from bangkom.recommendation.handlers.ports import RecommendationUnitOfWork
from bangkom.recommendation.handlers.queries import analytics

_STATUS: dict[type[ServiceError], grpc.StatusCode] = {
    NotFound: grpc.StatusCode.NOT_FOUND,
    AccessDenied: grpc.StatusCode.PERMISSION_DENIED,
    InvalidInput: grpc.StatusCode.INVALID_ARGUMENT,
}


def _figures(tally: GapTally) -> pb.GapFigures:
    return pb.GapFigures(
        met=tally.met,
        open=tally.open,
        unknown=tally.unknown,
        mean_gap=tally.mean_gap,
        percent_meeting=tally.percent_meeting,
    )


def heatmap_response(heatmap: analytics.Heatmap) -> pb.AgencyHeatmapResponse:
    return pb.AgencyHeatmapResponse(
        at=heatmap.at,
        depth=heatmap.depth or 0,
        agencies=[
            pb.AgencyHeatmap(
                agency_code=agency.agency_code,
                employees=agency.employees,
                total=_figures(agency.total),
                cells=[
                    pb.HeatmapCell(
                        competency_code=cell.competency_code,
                        competency_name=cell.competency_name or "",
                        employees=cell.tally.employees,
                        figures=_figures(cell.tally),
                    )
                    for cell in agency.competencies
                ],
            )
            for agency in heatmap.agencies
        ],
    )


async def agency_heatmap(
    uow_factory: Callable[[], RecommendationUnitOfWork],
    request: pb.AgencyHeatmapRequest,
    context: grpc.aio.ServicerContext,
) -> pb.AgencyHeatmapResponse:
    try:
        on = date.fromisoformat(request.on) if request.on else None
    except ValueError:
        await context.abort(
            grpc.StatusCode.INVALID_ARGUMENT, f"on: {request.on!r} is not a date (YYYY-MM-DD)"
        )
    if request.depth < 0:
        await context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"depth: {request.depth} is negative")
    try:
        async with uow_factory() as uow:
            heatmap = await analytics.gap_heatmap(
                uow,
                grpc_caller(),
                agency_code=request.agency_code or None,
                depth=request.depth or None,
                competency_code=request.competency_code or None,
                on=on,
            )
    except ServiceError as exc:
        await context.abort(_STATUS.get(type(exc), grpc.StatusCode.UNKNOWN), str(exc))
    return heatmap_response(heatmap)
