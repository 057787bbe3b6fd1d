"""gRPC servicer of bangkom.recommendation.v1 (same queries and scope as REST)."""

from __future__ import annotations

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from bangkom.kernel.gaps import GapStatus
from bangkom.platform.auth.rpc import grpc_caller
from bangkom.platform.bus import MessageBus
from bangkom.platform.errors import ServiceError
from bangkom.platform.rpc.errors import status_of
from bangkom.platform.rpc.server import GrpcService
from bangkom.proto.recommendation.v1 import recommendation_pb2 as pb
from bangkom.proto.recommendation.v1 import recommendation_pb2_grpc as pb_grpc
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus
from bangkom.recommendation.entrypoints.rpc_analytics import agency_heatmap
from bangkom.recommendation.handlers import commands
from bangkom.recommendation.handlers.ports import EmployeeViews, RecommendationUnitOfWork
from bangkom.recommendation.handlers.queries import employees as queries

_GAP_STATUS = {
    GapStatus.OPEN: pb.GAP_STATUS_OPEN,
    GapStatus.MET: pb.GAP_STATUS_MET,
    GapStatus.UNKNOWN: pb.GAP_STATUS_UNKNOWN,
}


def _proposal(proposal: Proposal) -> pb.Proposal:
    created = Timestamp()
    created.FromDatetime(proposal.created_at)
    return pb.Proposal(
        proposal_id=proposal.id,
        nip=proposal.nip,
        agency_code=proposal.agency_code,
        competency_code=proposal.competency_code,
        course_code=proposal.course_code,
        current_level=proposal.current_level,
        required_level=proposal.required_level,
        score=proposal.score,
        reasons=list(proposal.reasons),
        status=proposal.status.value,
        created_at=created,
    )


class RecommendationServicer(pb_grpc.RecommendationServiceServicer):
    def __init__(self, bus: MessageBus[RecommendationUnitOfWork], views: EmployeeViews) -> None:
        self._bus = bus
        self._uow_factory = bus.uow_factory
        self._views = views

    async def DecideProposal(  # noqa: N802 (generated name)
        self, request: pb.DecideProposalRequest, context: grpc.aio.ServicerContext
    ) -> pb.Proposal:
        try:
            decided = await self._bus.handle(
                commands.DecideProposal(
                    caller=grpc_caller(),
                    proposal_id=request.proposal_id,
                    accept=request.accept,
                    reason=request.reason or None,
                )
            )
        except ServiceError as exc:
            await context.abort(status_of(exc), str(exc))
        return _proposal(decided)

    async def GetEmployeeGaps(  # noqa: N802 (generated name)
        self, request: pb.GetEmployeeGapsRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetEmployeeGapsResponse:
        try:
            found = await queries.employee_gaps(self._views, grpc_caller(), request.nip)
        except ServiceError as exc:
            await context.abort(status_of(exc), str(exc))
        return pb.GetEmployeeGapsResponse(
            nip=found.placement.nip,
            agency_code=found.placement.agency_code,
            position_code=found.placement.position_code,
            standard_version=found.standard_version,
            gaps=[
                pb.Gap(
                    competency_code=g.competency_code,
                    competency_name=g.competency_name,
                    required_level=g.required_level,
                    current_level=g.current_level,
                    gap=g.size,
                    status=_GAP_STATUS[g.status],
                )
                for g in found.gaps
            ],
        )

    async def ListProposals(  # noqa: N802 (generated name)
        self, request: pb.ListProposalsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListProposalsResponse:
        caller = grpc_caller()
        if request.status and request.status not in {s.value for s in ProposalStatus}:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT, f"unknown proposal status {request.status!r}"
            )
        try:
            async with self._uow_factory() as uow:
                if request.nip:
                    proposals = await queries.employee_proposals(uow, caller, request.nip)
                else:
                    proposals, _ = await queries.list_proposals(
                        uow,
                        caller,
                        agency_code=request.agency_code or None,
                        status=ProposalStatus(request.status) if request.status else None,
                        limit=min(request.page_size or 50, 500),
                        offset=max(request.offset, 0),
                    )
        except ServiceError as exc:
            await context.abort(status_of(exc), str(exc))
        return pb.ListProposalsResponse(proposals=[_proposal(p) for p in proposals])

    async def AgencyHeatmap(  # noqa: N802 (generated name)
        self, request: pb.AgencyHeatmapRequest, context: grpc.aio.ServicerContext
    ) -> pb.AgencyHeatmapResponse:
        return await agency_heatmap(self._uow_factory, request, context)


def recommendation_grpc(
    bus: MessageBus[RecommendationUnitOfWork], views: EmployeeViews
) -> GrpcService:
    return GrpcService(
        name=pb.DESCRIPTOR.services_by_name["RecommendationService"].full_name,
        servicer=RecommendationServicer(bus, views),
        register=pb_grpc.add_RecommendationServiceServicer_to_server,
    )
