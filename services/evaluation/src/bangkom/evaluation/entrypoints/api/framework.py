from __future__ import annotations

from typing import Annotated

from fastapi import Path, status

from bangkom.evaluation.domain.framework import Framework
from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.entrypoints.api.schemas.framework import (
    CompetencyBody,
    FrameworkCreate,
    FrameworkImpactPublic,
    FrameworkPublic,
    FrameworkVersionPublic,
    FrameworkVisibility,
    PositionImpactPublic,
    TechnicalCompetencyPublic,
)
from bangkom.evaluation.handlers import commands, queries
from bangkom.evaluation.handlers.on_commands import framework as framework_handlers
from bangkom.platform.auth import Caller
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.parameters import INT_MAX
from bangkom.platform.web.routing import ServiceRouter

router = ServiceRouter(tags=["competency framework"])


def framework_public(framework: Framework) -> FrameworkPublic:
    return FrameworkPublic(
        version=framework.version,
        published_at=framework.published_at,
        note=framework.note,
        public=framework.public,
        competencies=[CompetencyBody.of(c) for _, c in sorted(framework.competencies.items())],
        position_type_defaults={t: dict(levels) for t, levels in framework.defaults.items()},
    )


@router.get("/framework", summary="The current framework version")
async def current_framework(_caller: CallerDep, bus: BusDep) -> FrameworkPublic:
    async with bus.uow_factory() as uow:
        return framework_public(await queries.framework_version(uow, None))


@router.get("/framework/versions", summary="Every published version")
async def framework_versions(
    _caller: CallerDep, bus: BusDep, paging: PagingDep
) -> Page[FrameworkVersionPublic]:
    async with bus.uow_factory() as uow:
        found = await queries.framework_versions(uow)
    return Page[FrameworkVersionPublic].sliced(
        [FrameworkVersionPublic(version=v, published_at=at) for v, at in found], paging
    )


@router.get("/framework/versions/{version}", summary="One version, old ones included")
async def framework_version(
    version: Annotated[int, Path(ge=1, le=INT_MAX)], _caller: CallerDep, bus: BusDep
) -> FrameworkPublic:
    async with bus.uow_factory() as uow:
        return framework_public(await queries.framework_version(uow, version))


@router.post(
    "/framework/versions",
    status_code=status.HTTP_201_CREATED,
    summary="Publish the next version; the standards it changes are re-published",
)
async def publish_framework(
    body: FrameworkCreate, caller: CallerDep, bus: BusDep
) -> FrameworkPublic:
    return framework_public(await bus.handle(_command(body, caller)))


def _command(body: FrameworkCreate, caller: Caller) -> commands.PublishFramework:
    return commands.PublishFramework(
        caller=caller,
        competencies=[c.to_domain() for c in body.competencies]
        if body.competencies is not None
        else None,
        defaults=body.position_type_defaults,
        note=body.note,
        public=body.public,
    )


@router.post(
    "/framework/versions/preview",
    summary="What publishing this version would change, without publishing it",
    description="The positions whose standard would become a new version and the active "
    "employees on them (whose gaps would be recalculated). Nothing is stored or sent.",
)
async def preview_framework(
    body: FrameworkCreate, caller: CallerDep, bus: BusDep
) -> FrameworkImpactPublic:
    async with bus.uow_factory() as uow:
        impact = await framework_handlers.preview_framework(_command(body, caller), uow)
    return FrameworkImpactPublic(
        version=impact.version,
        positions=[
            PositionImpactPublic(
                code=p.code, name=p.name, agency_code=p.agency_code, employees=employees
            )
            for p, employees in impact.positions
        ],
        employees=impact.employees,
    )


@router.put(
    "/framework/versions/{version}/public",
    summary="Make a version readable without a token at the CASE paths, or stop it",
)
async def mark_framework_public(
    version: Annotated[int, Path(ge=1, le=INT_MAX)],
    body: FrameworkVisibility,
    caller: CallerDep,
    bus: BusDep,
) -> FrameworkPublic:
    framework = await bus.handle(
        commands.MarkFrameworkPublic(caller=caller, version=version, public=body.public)
    )
    return framework_public(framework)


@router.put(
    "/technical-competencies",
    summary="Define a technical competency of an agency",
    responses={409: {"description": "The competency code belongs to another agency"}},
)
async def define_technical_competency(
    body: CompetencyBody, caller: CallerDep, bus: BusDep
) -> TechnicalCompetencyPublic:
    competency, version = await bus.handle(
        commands.DefineTechnicalCompetency(caller=caller, competency=body.to_domain())
    )
    return TechnicalCompetencyPublic(**CompetencyBody.of(competency).model_dump(), version=version)


@router.get("/technical-competencies", summary="Technical competencies in the caller's scope")
async def technical_competencies(
    caller: CallerDep, bus: BusDep, paging: PagingDep
) -> Page[TechnicalCompetencyPublic]:
    async with bus.uow_factory() as uow:
        found = await queries.technical_competencies(uow, caller)
    return Page[TechnicalCompetencyPublic].sliced(
        [
            TechnicalCompetencyPublic(
                **CompetencyBody.of(t.competency).model_dump(), version=t.version
            )
            for t in found
        ],
        paging,
    )
