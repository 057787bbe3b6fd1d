"""The 1EdTech CASE 1.0 service (read side): the framework versions as CFDocuments,
CFPackages, CFItems and CFAssociations. Public versions answer without a token."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import Path, Request, Response

from bangkom.evaluation.domain.case import CASE_PATH, encode
from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.handlers import case_queries
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.platform.auth import Caller
from bangkom.platform.auth.rest import OPTIONAL_TOKEN, OptionalCallerDep
from bangkom.platform.bus import MessageBus
from bangkom.platform.web.routing import ServiceRouter

router = ServiceRouter(prefix=CASE_PATH, tags=["CASE 1.0"])

SourcedId = Annotated[UUID, Path(alias="sourcedId", description="The object's CASE identifier")]
_JSON: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {"schema": {"type": "object"}}}}
}


def _base_uri(request: Request) -> str:
    base_uri: str = request.app.state.case_base_uri
    return base_uri


def _json(body: dict[str, Any]) -> Response:
    return Response(encode(body), media_type="application/json")


@router.get(
    "/CFDocuments",
    summary="The framework versions and technical competencies the caller may read",
    response_class=Response,
    responses=_JSON,
    openapi_extra=OPTIONAL_TOKEN,
)
async def documents(request: Request, caller: OptionalCallerDep, bus: BusDep) -> Response:
    async with bus.uow_factory() as uow:
        packages = await case_queries.case_packages(uow, caller, _base_uri(request))
    return _json({"CFDocuments": [p["CFDocument"] for p in packages]})


@router.get(
    "/CFDocuments/{sourcedId}",
    summary="One CFDocument (a framework version, or an agency's technical competencies)",
    response_class=Response,
    responses=_JSON,
    openapi_extra=OPTIONAL_TOKEN,
)
async def document(
    sourced_id: SourcedId, request: Request, caller: OptionalCallerDep, bus: BusDep
) -> Response:
    async with bus.uow_factory() as uow:
        package = await case_queries.case_package_of(
            uow, caller, _base_uri(request), str(sourced_id)
        )
    return _json(package["CFDocument"])


@router.get(
    "/CFPackages/{sourcedId}",
    summary="One CFDocument whole: with its CFItems and CFAssociations",
    response_class=Response,
    responses=_JSON,
    openapi_extra=OPTIONAL_TOKEN,
)
async def package(
    sourced_id: SourcedId, request: Request, caller: OptionalCallerDep, bus: BusDep
) -> Response:
    async with bus.uow_factory() as uow:
        found = await case_queries.case_package_of(uow, caller, _base_uri(request), str(sourced_id))
    return _json(found)


async def _node(
    request: Request,
    caller: Caller | None,
    bus: MessageBus[EvaluationUnitOfWork],
    collection: str,
    sourced_id: UUID,
) -> Response:
    async with bus.uow_factory() as uow:
        found = await case_queries.case_node(
            uow, caller, _base_uri(request), collection, str(sourced_id)
        )
    return _json(found)


@router.get(
    "/CFItems/{sourcedId}",
    summary="One competency, level description or competency group",
    response_class=Response,
    responses=_JSON,
    openapi_extra=OPTIONAL_TOKEN,
)
async def item(
    sourced_id: SourcedId, request: Request, caller: OptionalCallerDep, bus: BusDep
) -> Response:
    return await _node(request, caller, bus, "CFItems", sourced_id)


@router.get(
    "/CFAssociations/{sourcedId}",
    summary="One association (isChildOf, precedes, isRelatedTo, replacedBy)",
    response_class=Response,
    responses=_JSON,
    openapi_extra=OPTIONAL_TOKEN,
)
async def association(
    sourced_id: SourcedId, request: Request, caller: OptionalCallerDep, bus: BusDep
) -> Response:
    return await _node(request, caller, bus, "CFAssociations", sourced_id)
