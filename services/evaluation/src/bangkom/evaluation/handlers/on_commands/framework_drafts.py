"""Adopting a dictionary from elsewhere: a CASE package becomes a framework draft, and an
admin publishes the draft through the one publish path (PublishFramework), so the new
version re-derives the standards it changes like any other."""

from __future__ import annotations

import uuid

from bangkom.evaluation.domain.case_import import (
    FrameworkDraft,
    InvalidCasePackage,
    read_competencies,
)
from bangkom.evaluation.domain.framework import Framework
from bangkom.evaluation.handlers import commands
from bangkom.evaluation.handlers.access import require_admin
from bangkom.evaluation.handlers.on_commands.framework import publish_framework
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import Conflict, InvalidInput, NotFound


async def import_case_package(
    cmd: commands.ImportCasePackage, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> FrameworkDraft:
    require_admin(cmd.caller, "imports a competency framework")
    try:
        competencies, skipped = read_competencies(cmd.package)
    except InvalidCasePackage as exc:
        raise InvalidInput(f"the CASE package holds no usable dictionary: {exc}") from exc
    draft = FrameworkDraft(
        id=str(uuid.uuid4()),
        source_identifier=cmd.package.document_identifier,
        source_title=cmd.package.document_title,
        competencies=competencies,
        skipped=skipped,
        created_by=cmd.caller.subject,
        created_at=clock(),
    )
    await uow.framework_drafts.add(draft)
    uow.audit(
        "import_case_package",
        "framework_draft",
        draft.id,
        after={
            "source_identifier": draft.source_identifier,
            "source_title": draft.source_title,
            "competencies": [c.code for c in competencies],
            "skipped": len(skipped),
        },
    )
    return draft


async def publish_framework_draft(
    cmd: commands.PublishFrameworkDraft, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> Framework:
    require_admin(cmd.caller, "publishes the competency framework")
    draft = await uow.framework_drafts.get(cmd.draft_id)
    if draft is None:
        raise NotFound(f"framework draft {cmd.draft_id} not found")
    if draft.published_version is not None:
        raise Conflict(
            f"framework draft {draft.id} is published already, as version {draft.published_version}"
        )
    framework = await publish_framework(
        commands.PublishFramework(
            caller=cmd.caller,
            competencies=draft.competencies,
            note=cmd.note or draft.note,
            public=cmd.public,
        ),
        uow,
        clock,
    )
    await uow.framework_drafts.mark_published(draft.id, framework.version, framework.published_at)
    uow.audit(
        "publish_framework_draft",
        "framework_draft",
        draft.id,
        before={"published_version": None},
        after={"published_version": framework.version},
    )
    return framework
