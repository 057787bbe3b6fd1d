"""Adopting another dictionary: a CASE 1.0 package in, a draft of the next framework
version out, published by a province admin."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import Path, status

from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.entrypoints.api.framework import framework_public
from bangkom.evaluation.entrypoints.api.schemas.framework import FrameworkPublic
from bangkom.evaluation.entrypoints.api.schemas.framework_drafts import (
    CasePackageIn,
    FrameworkDraftPublic,
    FrameworkDraftPublish,
)
from bangkom.evaluation.handlers import commands, queries
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter

router = ServiceRouter(prefix="/framework/drafts", tags=["competency framework"])

DraftId = Annotated[UUID, Path(description="The draft's id")]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Read a CASE 1.0 package (another dictionary) into a draft of the next version",
)
async def import_case_package(
    body: CasePackageIn, caller: CallerDep, bus: BusDep
) -> FrameworkDraftPublic:
    draft = await bus.handle(commands.ImportCasePackage(caller=caller, package=body.to_domain()))
    return FrameworkDraftPublic.of(draft)


@router.get("", summary="Drafts, the newest first")
async def framework_drafts(
    caller: CallerDep, bus: BusDep, paging: PagingDep
) -> Page[FrameworkDraftPublic]:
    async with bus.uow_factory() as uow:
        found = await queries.framework_drafts(
            uow, caller, limit=paging.fetch_limit, offset=paging.offset
        )
    return Page[FrameworkDraftPublic].fetched([FrameworkDraftPublic.of(d) for d in found], paging)


@router.get("/{draft_id}", summary="One draft")
async def framework_draft(
    draft_id: DraftId, caller: CallerDep, bus: BusDep
) -> FrameworkDraftPublic:
    async with bus.uow_factory() as uow:
        return FrameworkDraftPublic.of(await queries.framework_draft(uow, caller, str(draft_id)))


@router.post(
    "/{draft_id}/publish",
    status_code=status.HTTP_201_CREATED,
    summary="Publish the draft as the next framework version",
    responses={409: {"description": "The draft is published already"}},
)
async def publish_framework_draft(
    draft_id: DraftId, body: FrameworkDraftPublish, caller: CallerDep, bus: BusDep
) -> FrameworkPublic:
    framework = await bus.handle(
        commands.PublishFrameworkDraft(
            caller=caller, draft_id=str(draft_id), note=body.note, public=body.public
        )
    )
    return framework_public(framework)
