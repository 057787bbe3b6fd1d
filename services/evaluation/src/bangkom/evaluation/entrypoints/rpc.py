"""gRPC servicer of bangkom.evaluation.v1 (the same query and scope as REST)."""

from __future__ import annotations

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from bangkom.evaluation.handlers import queries
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.kernel.jpm import jpm_band
from bangkom.platform.auth.rpc import grpc_caller
from bangkom.platform.bus import MessageBus
from bangkom.platform.errors import NotFound
from bangkom.platform.rpc.server import GrpcService
from bangkom.proto.evaluation.v1 import evaluation_pb2 as pb
from bangkom.proto.evaluation.v1 import evaluation_pb2_grpc as pb_grpc


class EvaluationServicer(pb_grpc.EvaluationServiceServicer):
    def __init__(self, bus: MessageBus[EvaluationUnitOfWork]) -> None:
        self._uow_factory = bus.uow_factory

    async def GetEmployeeProfile(  # noqa: N802 (generated name)
        self, request: pb.GetEmployeeProfileRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetEmployeeProfileResponse:
        try:
            async with self._uow_factory() as uow:
                profile = await queries.employee_profile(uow, grpc_caller(), request.nip)
        except NotFound as exc:
            await context.abort(grpc.StatusCode.NOT_FOUND, str(exc))
        levels = []
        for competency in profile.competencies:
            level = pb.CompetencyLevel(
                competency_code=competency.competency_code,
                competency_name=competency.competency_name,
                required_level=competency.required_level,
            )
            if competency.current is not None:
                evaluated_at = Timestamp()
                evaluated_at.FromDatetime(competency.current.evaluated_at)
                level.current_level = competency.current.level
                level.current_method = competency.current.method.value
                level.evaluated_at.CopyFrom(evaluated_at)
            levels.append(level)
        response = pb.GetEmployeeProfileResponse(
            nip=profile.employee.nip,
            name=profile.employee.name,
            agency_code=profile.employee.agency_code,
            position_code=profile.employee.position_code,
            standard_version=profile.position.standard_version if profile.position else None,
            competencies=levels,
        )
        if (percent := profile.jpm.jpm) is not None:
            response.jpm.CopyFrom(
                pb.JobPersonMatch(
                    percent=percent,
                    category=jpm_band(percent).value,
                    assessed=profile.jpm.assessed,
                    required=profile.jpm.competencies,
                )
            )
        return response


def evaluation_grpc(bus: MessageBus[EvaluationUnitOfWork]) -> GrpcService:
    return GrpcService(
        name=pb.DESCRIPTOR.services_by_name["EvaluationService"].full_name,
        servicer=EvaluationServicer(bus),
        register=pb_grpc.add_EvaluationServiceServicer_to_server,
    )
