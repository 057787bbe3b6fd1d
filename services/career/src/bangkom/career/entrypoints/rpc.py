"""gRPC servicer of bangkom.career.v1 (same queries and scope as REST)."""

from __future__ import annotations

import grpc

from bangkom.career.domain.readiness import Readiness
from bangkom.career.handlers import queries
from bangkom.career.handlers.policy import DEFAULT_POLICY, Policy
from bangkom.career.handlers.ports import CareerUnitOfWork
from bangkom.platform.auth.rpc import grpc_caller
from bangkom.platform.bus import MessageBus
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import ServiceError
from bangkom.platform.rpc.errors import status_of
from bangkom.platform.rpc.server import GrpcService
from bangkom.proto.career.v1 import career_pb2 as pb
from bangkom.proto.career.v1 import career_pb2_grpc as pb_grpc

_READINESS = {
    Readiness.READY_NOW: pb.READINESS_SIAP_SEKARANG,
    Readiness.READY_SOON: pb.READINESS_SIAP_1_2_TAHUN,
    Readiness.NOT_READY: pb.READINESS_BELUM_SIAP,
}


class CareerServicer(pb_grpc.CareerServiceServicer):
    def __init__(self, bus: MessageBus[CareerUnitOfWork], policy: Policy, clock: Clock) -> None:
        self._uow_factory = bus.uow_factory
        self._policy = policy
        self._clock = clock

    async def GetReadiness(  # noqa: N802 (generated name)
        self, request: pb.GetReadinessRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetReadinessResponse:
        try:
            async with self._uow_factory() as uow:
                view = await queries.employee_readiness(
                    uow, grpc_caller(), request.nip, request.position_code, self._policy
                )
        except ServiceError as exc:
            await context.abort(status_of(exc), str(exc))
        return pb.GetReadinessResponse(
            nip=view.employee.nip,
            position_code=view.target.code,
            jpm=view.match.jpm or 0.0,
            unknown_competencies=view.match.unknown,
            readiness=_READINESS[view.readiness],
            gaps=[
                pb.Gap(
                    competency_code=g.competency_code,
                    competency_name=g.competency_name,
                    required_level=g.required_level,
                    current_level=g.current_level,
                    gap=g.size,
                    status=g.status.value,
                )
                for g in view.gaps
            ],
            courses=[
                pb.Course(
                    competency_code=i.competency_code,
                    course_code=i.course_code,
                    title=i.course_title,
                    jp=i.jp,
                )
                for i in view.plan.items
            ],
            box=view.box,
        )

    async def ListCandidates(  # noqa: N802 (generated name)
        self, request: pb.ListCandidatesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListCandidatesResponse:
        size = min(request.page_size or 50, 500)
        start = max(request.offset, 0)
        try:
            async with self._uow_factory() as uow:
                _, ranked = await queries.candidates(
                    uow,
                    grpc_caller(),
                    request.position_code,
                    policy=self._policy,
                    clock=self._clock,
                )
        except ServiceError as exc:
            await context.abort(status_of(exc), str(exc))
        return pb.ListCandidatesResponse(
            position_code=request.position_code,
            total=len(ranked),
            candidates=[
                pb.Candidate(
                    rank=rank,
                    nip=c.nip,
                    agency_code=c.agency_code,
                    position_code=c.position_code,
                    jpm=c.jpm,
                    unknown_competencies=c.match.unknown,
                    readiness=_READINESS[c.readiness],
                    box=c.box,
                )
                for rank, c in enumerate(ranked[start : start + size], start=start + 1)
            ],
        )


def career_grpc(
    bus: MessageBus[CareerUnitOfWork], policy: Policy = DEFAULT_POLICY, clock: Clock = utc_now
) -> GrpcService:
    return GrpcService(
        name=pb.DESCRIPTOR.services_by_name["CareerService"].full_name,
        servicer=CareerServicer(bus, policy, clock),
        register=pb_grpc.add_CareerServiceServicer_to_server,
    )
