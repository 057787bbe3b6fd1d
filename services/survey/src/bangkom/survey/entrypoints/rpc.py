"""gRPC servicer of bangkom.survey.v1 (the same queries and scope as REST)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from bangkom.platform.auth.rpc import grpc_caller
from bangkom.platform.bus import MessageBus
from bangkom.platform.errors import ServiceError
from bangkom.platform.rpc.errors import status_of
from bangkom.platform.rpc.server import GrpcService
from bangkom.proto.survey.v1 import survey_pb2 as pb
from bangkom.proto.survey.v1 import survey_pb2_grpc as pb_grpc
from bangkom.survey.domain.needs import AgencyNeeds
from bangkom.survey.handlers import queries
from bangkom.survey.handlers.ports import SurveyUnitOfWork


def _timestamp(at: datetime | None) -> Timestamp | None:
    if at is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(at)
    return stamp


def _agency(needs: AgencyNeeds) -> pb.AgencyNeeds:
    return pb.AgencyNeeds(
        agency_code=needs.agency_code,
        headcount=needs.headcount,
        respondents=needs.respondents,
        needs=[
            pb.Need(
                competency_code=n.competency_code,
                competency_name=n.competency_name,
                rank=n.rank,
                priority=n.priority,
                respondents=n.respondents,
                respondents_with_gap=n.respondents_with_gap,
                mean_gap=n.mean_gap,
                preferred_learning_mode=n.preferred_learning_mode or "",
            )
            for n in needs.needs
        ],
    )


class SurveyServicer(pb_grpc.SurveyServiceServicer):
    def __init__(self, uow_factory: Callable[[], SurveyUnitOfWork]) -> None:
        self._uow_factory = uow_factory

    async def GetSurvey(  # noqa: N802 (generated name)
        self, request: pb.GetSurveyRequest, context: grpc.aio.ServicerContext
    ) -> pb.Survey:
        try:
            async with self._uow_factory() as uow:
                tally = await queries.tracking(uow, grpc_caller(), request.survey_id)
        except ServiceError as exc:
            await context.abort(status_of(exc), str(exc))
        survey = tally.survey
        return pb.Survey(
            survey_id=survey.id,
            title=survey.title,
            period=survey.period,
            agency_codes=list(survey.agency_codes),
            status=survey.status.value,
            eligible=tally.eligible,
            answered=tally.answered,
            response_rate=tally.response_rate,
            opened_at=_timestamp(survey.opened_at),
            closed_at=_timestamp(survey.closed_at),
        )

    async def GetNeeds(  # noqa: N802 (generated name)
        self, request: pb.GetNeedsRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetNeedsResponse:
        try:
            async with self._uow_factory() as uow:
                found = await queries.needs(uow, grpc_caller(), request.survey_id)
        except ServiceError as exc:
            await context.abort(status_of(exc), str(exc))
        wanted = [
            needs
            for needs, _ in found.agencies
            if not request.agency_code or needs.agency_code == request.agency_code
        ]
        return pb.GetNeedsResponse(
            survey_id=found.survey.id, agencies=[_agency(needs) for needs in wanted]
        )


def survey_grpc(bus: MessageBus[SurveyUnitOfWork]) -> GrpcService:
    return GrpcService(
        name=pb.DESCRIPTOR.services_by_name["SurveyService"].full_name,
        servicer=SurveyServicer(bus.uow_factory),
        register=pb_grpc.add_SurveyServiceServicer_to_server,
    )
