"""Framework drafts (read from CASE packages) on SQL."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select

from bangkom.evaluation.adapters.codec import competency_document, competency_of
from bangkom.evaluation.adapters.repository import SqlRepository
from bangkom.evaluation.adapters.tables import FrameworkDraftRow
from bangkom.evaluation.domain.case_import import FrameworkDraft


def _draft(row: FrameworkDraftRow) -> FrameworkDraft:
    return FrameworkDraft(
        id=row.id,
        source_identifier=row.source_identifier,
        source_title=row.source_title,
        competencies=[competency_of(c) for c in row.competencies],
        skipped=list(row.skipped),
        created_by=row.created_by,
        created_at=row.created_at,
        published_version=row.published_version,
    )


class SqlFrameworkDraftRepository(SqlRepository):
    async def add(self, draft: FrameworkDraft) -> None:
        self._session.add(
            FrameworkDraftRow(
                id=draft.id,
                source_identifier=draft.source_identifier,
                source_title=draft.source_title,
                competencies=[competency_document(c) for c in draft.competencies],
                skipped=draft.skipped,
                created_by=draft.created_by,
                created_at=draft.created_at,
                published_version=draft.published_version,
            )
        )

    async def get(self, draft_id: str) -> FrameworkDraft | None:
        row = await self._get(FrameworkDraftRow, draft_id)
        return _draft(row) if row else None

    async def list(self, *, limit: int, offset: int) -> list[FrameworkDraft]:
        rows = await self._session.exec(
            select(FrameworkDraftRow)
            .order_by(col(FrameworkDraftRow.created_at).desc(), col(FrameworkDraftRow.id))
            .limit(limit)
            .offset(offset)
        )
        return [_draft(row) for row in rows]

    async def mark_published(self, draft_id: str, version: int, at: datetime) -> None:
        row = await self._get(FrameworkDraftRow, draft_id)
        if row is not None:
            row.published_version, row.published_at = version, at
            self._session.add(row)
