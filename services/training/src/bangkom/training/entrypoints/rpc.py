"""gRPC servicer of bangkom.training.v1 (the same queries and visibility as REST)."""

from __future__ import annotations

import re
from collections.abc import Callable

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from bangkom.kernel.levels import MAX_LEVEL, MIN_LEVEL, is_level
from bangkom.platform.auth.rpc import grpc_caller
from bangkom.platform.bus import MessageBus
from bangkom.platform.errors import NotFound
from bangkom.platform.rpc.server import GrpcService
from bangkom.proto.training.v1 import training_pb2 as pb
from bangkom.proto.training.v1 import training_pb2_grpc as pb_grpc
from bangkom.training.domain.catalog import Course, CourseStatus, LearningMode
from bangkom.training.handlers import queries
from bangkom.training.handlers.ports import CourseSearch, TrainingUnitOfWork

COMPETENCY_CODE = r"^(M\.0[1-8]|SK\.01|T\.[A-Z0-9.\-]{1,40})$"
MAX_PAGE = 500


class InvalidArgument(ValueError):
    pass


def _course(course: Course) -> pb.Course:
    changed = Timestamp()
    changed.FromDatetime(course.changed_at)
    return pb.Course(
        code=course.code,
        title=course.title,
        competencies=[
            pb.CourseCompetency(
                competency_code=c.competency_code, level_from=c.level_from, level_to=c.level_to
            )
            for c in course.competencies
        ],
        jp=course.jp,
        mode=course.mode.value,
        provider=course.provider,
        cost=course.cost,
        prerequisites=course.prerequisites,
        status=course.status.value,
        changed_at=changed,
    )


def _level(request: pb.SearchCoursesRequest, field: str) -> int | None:
    if not request.HasField(field):
        return None
    level = int(getattr(request, field))
    if not is_level(level):
        raise InvalidArgument(f"{field} {level} is outside {MIN_LEVEL}-{MAX_LEVEL}")
    return level


def search_criteria(request: pb.SearchCoursesRequest) -> CourseSearch:
    """The request as a catalog search; InvalidArgument names the field that is wrong."""
    if request.competency_code and not re.match(COMPETENCY_CODE, request.competency_code):
        raise InvalidArgument(
            f"competency_code {request.competency_code!r} is not M.01-M.08, SK.01 or T.<...>"
        )
    if request.mode and request.mode not in set(LearningMode):
        raise InvalidArgument(f"mode {request.mode!r} is not one of {', '.join(LearningMode)}")
    unknown = [s for s in request.statuses if s not in set(CourseStatus)]
    if unknown:
        raise InvalidArgument(f"statuses: {', '.join(unknown)} unknown")
    if not 0 <= request.page_size <= MAX_PAGE or request.offset < 0:
        raise InvalidArgument(f"page_size must be within 0-{MAX_PAGE} and offset not negative")
    return CourseSearch(
        competency_code=request.competency_code or None,
        level=_level(request, "current_level"),
        target_level=_level(request, "target_level"),
        mode=request.mode or None,
        provider=request.provider or None,
        text=request.text or None,
        statuses=frozenset(request.statuses or [CourseStatus.PUBLISHED.value]),
        limit=request.page_size or 50,
        offset=request.offset,
    )


class TrainingServicer(pb_grpc.TrainingServiceServicer):
    def __init__(self, uow_factory: Callable[[], TrainingUnitOfWork]) -> None:
        self._uow_factory = uow_factory

    async def SearchCourses(  # noqa: N802 (generated name)
        self, request: pb.SearchCoursesRequest, context: grpc.aio.ServicerContext
    ) -> pb.SearchCoursesResponse:
        try:
            criteria = search_criteria(request)
        except InvalidArgument as exc:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, str(exc))
        async with self._uow_factory() as uow:
            page = await queries.search_courses(uow, grpc_caller(), criteria)
        return pb.SearchCoursesResponse(courses=[_course(c) for c in page.items], total=page.total)

    async def GetCourse(  # noqa: N802 (generated name)
        self, request: pb.GetCourseRequest, context: grpc.aio.ServicerContext
    ) -> pb.Course:
        try:
            async with self._uow_factory() as uow:
                course = await queries.get_course(uow, grpc_caller(), request.code)
        except NotFound as exc:
            await context.abort(grpc.StatusCode.NOT_FOUND, str(exc))
        return _course(course)


def training_grpc(bus: MessageBus[TrainingUnitOfWork]) -> GrpcService:
    return GrpcService(
        name=pb.DESCRIPTOR.services_by_name["TrainingService"].full_name,
        servicer=TrainingServicer(bus.uow_factory),
        register=pb_grpc.add_TrainingServiceServicer_to_server,
    )
