"""Completions (the JP ledger) and the compliance figures computed from them, on SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, literal
from sqlalchemy import select as sql_select
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.kernel.jp import DUTY_EMPLOYMENT_TYPES, TARGET_JP
from bangkom.platform.db.locks import hold_until_commit
from bangkom.platform.db.scope import within_agencies
from bangkom.training.adapters.scope import visible
from bangkom.training.adapters.tables import CompletionRow, ComplianceAlertRow, EmployeeRow
from bangkom.training.domain.catalog import CompetencyStep, LearningMode
from bangkom.training.domain.completions import (
    Completion,
    CompletionOutcome,
    CompletionSource,
)
from bangkom.training.domain.ledger import (
    ComplianceAlert,
    ComplianceFigures,
    EmployeeCompliance,
    LedgerEntry,
)
from bangkom.training.handlers.ports import Page, Visibility


def _completion(row: CompletionRow) -> Completion:
    return Completion(
        id=row.id,
        nip=row.nip,
        agency_code=row.agency_code,
        title=row.title,
        outcome=CompletionOutcome(row.outcome),
        jp=row.jp,
        mode=LearningMode(row.mode),
        source=CompletionSource(row.source),
        completed_at=row.completed_at,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        competencies=tuple(CompetencyStep(**c) for c in row.competencies),
        course_code=row.course_code,
        session_code=row.session_code,
        enrolment_id=row.enrolment_id,
        reference=row.reference,
        score=row.score,
        proposal_id=row.proposal_id,
    )


class SqlCompletionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, completion: Completion) -> None:
        self._session.add(
            CompletionRow(
                id=completion.id,
                nip=completion.nip,
                agency_code=completion.agency_code,
                year=completion.year,
                title=completion.title,
                outcome=completion.outcome.value,
                score=completion.score,
                jp=completion.jp,
                jp_credited=completion.credited_jp,
                mode=completion.mode.value,
                competencies=[c.__dict__ for c in completion.competencies],
                source=completion.source.value,
                reference=completion.reference,
                course_code=completion.course_code,
                session_code=completion.session_code,
                enrolment_id=completion.enrolment_id,
                proposal_id=completion.proposal_id,
                completed_at=completion.completed_at,
                recorded_by=completion.recorded_by,
                recorded_at=completion.recorded_at,
            )
        )

    async def get(self, completion_id: str) -> Completion | None:
        row = await self._session.get(CompletionRow, completion_id)
        return _completion(row) if row else None

    async def of_enrolment(self, enrolment_id: str) -> Completion | None:
        row = (
            await self._session.exec(
                select(CompletionRow).where(CompletionRow.enrolment_id == enrolment_id)
            )
        ).first()
        return _completion(row) if row else None

    async def reported(self, nip: str, source: str, reference: str) -> Completion | None:
        row = (
            await self._session.exec(
                select(CompletionRow).where(
                    CompletionRow.nip == nip,
                    CompletionRow.source == source,
                    CompletionRow.reference == reference,
                )
            )
        ).first()
        return _completion(row) if row else None

    async def courses_completed(self, nip: str) -> set[str]:
        rows = await self._session.exec(
            select(CompletionRow.course_code).where(
                CompletionRow.nip == nip,
                col(CompletionRow.course_code).is_not(None),
                CompletionRow.outcome != CompletionOutcome.FAILED.value,
            )
        )
        return {code for code in rows if code is not None}

    async def ledger(self, nip: str, year: int) -> list[LedgerEntry]:
        rows = await self._session.exec(
            select(CompletionRow)
            .where(CompletionRow.nip == nip, CompletionRow.year == year)
            .order_by(col(CompletionRow.completed_at), col(CompletionRow.id))
        )
        return [
            LedgerEntry(
                completion_id=row.id,
                title=row.title,
                course_code=row.course_code,
                source=row.source,
                outcome=row.outcome,
                jp_credited=row.jp_credited,
                completed_at=row.completed_at,
            )
            for row in rows
        ]

    async def search(
        self,
        visibility: Visibility,
        *,
        nip: str | None,
        year: int | None,
        limit: int,
        offset: int,
    ) -> Page[Completion]:
        conditions: list[Any] = [visible(visibility, CompletionRow.agency_code, CompletionRow.nip)]
        if nip is not None:
            conditions.append(CompletionRow.nip == nip)
        if year is not None:
            conditions.append(CompletionRow.year == year)
        total = await self._session.scalar(
            select(func.count()).select_from(CompletionRow).where(*conditions)
        )
        rows = await self._session.exec(
            select(CompletionRow)
            .where(*conditions)
            .order_by(col(CompletionRow.completed_at).desc(), col(CompletionRow.id))
            .limit(limit)
            .offset(offset)
        )
        return Page([_completion(row) for row in rows], int(total or 0))


class SqlComplianceRepository:
    """The figures of domain.ledger computed by the database, so that a province (or
    the nation) is summed where the rows are instead of shipped to the service."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _jp_per_employee(self, year: int) -> Any:
        earned = (
            select(CompletionRow.nip, func.sum(CompletionRow.jp_credited).label("jp"))
            .where(CompletionRow.year == year)
            .group_by(col(CompletionRow.nip))
            .subquery()
        )
        jp = func.coalesce(earned.c.jp, 0)
        return earned, jp

    def _counted(self, earned: Any, roots: frozenset[str] | None) -> Any:
        return (
            sql_select()
            .select_from(EmployeeRow)
            .outerjoin(earned, earned.c.nip == EmployeeRow.nip)
            .where(col(EmployeeRow.active).is_(True))
            .where(col(EmployeeRow.employment_type).in_(DUTY_EMPLOYMENT_TYPES))
            .where(within_agencies(EmployeeRow.agency_code, roots))
        )

    @staticmethod
    def _figures(jp: Any) -> list[Any]:
        """bangkom.kernel.jp's figures of a group, summed in SQL."""
        below = jp < TARGET_JP
        return [
            func.count().label("employees"),
            func.coalesce(func.sum(case((below, 1), else_=0)), 0).label("below_target"),
            func.coalesce(func.sum(case((below, TARGET_JP - jp), else_=0)), 0).label("missing"),
            func.coalesce(func.sum(jp), 0).label("total"),
            func.coalesce(func.sum(case((below, jp), else_=TARGET_JP)), 0).label("toward"),
        ]

    async def by_agency(
        self, year: int, agencies: frozenset[str] | None
    ) -> list[ComplianceFigures]:
        earned, jp = self._jp_per_employee(year)
        query = (
            self._counted(earned, agencies)
            .add_columns(EmployeeRow.agency_code, *self._figures(jp))
            .group_by(col(EmployeeRow.agency_code))
            .order_by(col(EmployeeRow.agency_code))
        )
        return [
            ComplianceFigures(row.agency_code, year, *map(int, row[1:]))
            for row in await self._session.exec(query)
        ]

    async def of_agency_tree(self, year: int, agency_code: str) -> ComplianceFigures:
        earned, jp = self._jp_per_employee(year)
        query = self._counted(earned, frozenset({agency_code})).add_columns(
            literal(agency_code), *self._figures(jp)
        )
        row = (await self._session.exec(query)).one()
        return ComplianceFigures(agency_code, year, *map(int, row[1:]))

    async def employees(
        self,
        year: int,
        agency_code: str,
        *,
        below_target_only: bool,
        limit: int,
        offset: int,
    ) -> Page[EmployeeCompliance]:
        earned, jp = self._jp_per_employee(year)
        base = self._counted(earned, frozenset({agency_code}))
        if below_target_only:
            base = base.where(jp < TARGET_JP)
        total = await self._session.scalar(base.add_columns(func.count()))
        rows = await self._session.exec(
            base.add_columns(EmployeeRow.nip, EmployeeRow.name, EmployeeRow.agency_code, jp)
            .order_by(jp, col(EmployeeRow.nip))
            .limit(limit)
            .offset(offset)
        )
        return Page(
            [
                EmployeeCompliance(nip, name, agency, year, int(earned_jp))
                for nip, name, agency, earned_jp in rows
            ],
            int(total or 0),
        )

    async def hold_checks(self) -> None:
        await hold_until_commit(self._session, "training.compliance-check")

    async def alerts(self, year: int) -> dict[str, ComplianceAlert]:
        rows = await self._session.exec(
            select(ComplianceAlertRow).where(ComplianceAlertRow.year == year)
        )
        return {
            row.agency_code: ComplianceAlert(row.agency_code, row.year, row.behind, row.checked_at)
            for row in rows
        }

    async def save_alert(self, alert: ComplianceAlert) -> None:
        await self._session.merge(ComplianceAlertRow(**alert.__dict__))
