"""Framework versions and technical competencies on SQL."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select

from bangkom.evaluation.adapters.codec import (
    competency_of,
    framework_document,
    framework_of,
)
from bangkom.evaluation.adapters.repository import Scope, SqlRepository
from bangkom.evaluation.adapters.tables import (
    FrameworkRow,
    TechnicalCompetencyRow,
)
from bangkom.evaluation.domain.framework import Competency, Framework, TechnicalDefinition
from bangkom.platform.db.scope import within_agencies


class SqlFrameworkRepository(SqlRepository):
    async def current(self) -> Framework | None:
        row = (
            await self._session.exec(
                select(FrameworkRow).order_by(col(FrameworkRow.version).desc()).limit(1)
            )
        ).first()
        return _framework(row) if row else None

    async def get(self, version: int) -> Framework | None:
        row = await self._get(FrameworkRow, version)
        return _framework(row) if row else None

    async def history(self) -> list[Framework]:
        rows = await self._session.exec(select(FrameworkRow).order_by(col(FrameworkRow.version)))
        return [_framework(row) for row in rows]

    async def mark_public(self, version: int, public: bool) -> None:
        row = await self._get(FrameworkRow, version)
        if row is not None:
            row.public = public
            self._session.add(row)

    async def versions(self) -> list[tuple[int, datetime]]:
        rows = await self._session.exec(
            select(FrameworkRow.version, FrameworkRow.published_at).order_by(
                col(FrameworkRow.version)
            )
        )
        return [(version, published_at) for version, published_at in rows]

    async def add(self, framework: Framework) -> None:
        self._session.add(
            FrameworkRow(
                version=framework.version,
                document=framework_document(framework),
                published_at=framework.published_at,
                public=framework.public,
            )
        )


def _framework(row: FrameworkRow) -> Framework:
    return framework_of(row.document, row.published_at, public=row.public)


def _competency(row: TechnicalCompetencyRow) -> Competency:
    return competency_of(
        {
            "code": row.code,
            "name": row.name,
            "group": "teknis",
            "description": row.description,
            "levels": row.levels,
            "agency_code": row.agency_code,
            "related": row.related,
        }
    )


class SqlTechnicalCompetencyRepository(SqlRepository):
    async def get(self, code: str) -> tuple[Competency, int] | None:
        row = await self._get(TechnicalCompetencyRow, code)
        return (_competency(row), row.version) if row else None

    async def save(self, competency: Competency, version: int, changed_at: datetime) -> None:
        await self._session.merge(
            TechnicalCompetencyRow(
                code=competency.code,
                agency_code=competency.agency_code or "",
                name=competency.name,
                description=competency.description,
                levels={str(k): v for k, v in competency.levels.items()},
                related=list(competency.related),
                version=version,
                changed_at=changed_at,
            )
        )

    async def list(self, *, scope: Scope) -> list[TechnicalDefinition]:
        rows = await self._session.exec(
            select(TechnicalCompetencyRow)
            .where(within_agencies(TechnicalCompetencyRow.agency_code, scope))
            .order_by(col(TechnicalCompetencyRow.code))
        )
        return [TechnicalDefinition(_competency(row), row.version, row.changed_at) for row in rows]
