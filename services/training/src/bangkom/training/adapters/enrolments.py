"""Enrolments and enrolment requests on SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.training.adapters.scope import visible
from bangkom.training.adapters.tables import EnrolmentRequestRow, EnrolmentRow, SessionRow
from bangkom.training.domain.enrolments import (
    Enrolment,
    EnrolmentRequest,
    EnrolmentStatus,
    RequestStatus,
)
from bangkom.training.domain.sessions import SessionStatus
from bangkom.training.handlers.ports import Page, Visibility

ENDED = (SessionStatus.FINISHED.value, SessionStatus.CANCELLED.value)


def enrolment_of(row: EnrolmentRow) -> Enrolment:
    return Enrolment(
        id=row.id,
        nip=row.nip,
        agency_code=row.agency_code,
        session_code=row.session_code,
        course_code=row.course_code,
        status=EnrolmentStatus(row.status),
        queue_number=row.queue_number,
        enrolled_by=row.enrolled_by,
        requested_at=row.requested_at,
        changed_at=row.changed_at,
        proposal_id=row.proposal_id,
        reason=row.reason,
    )


async def _page(session: AsyncSession, query: Any, total_query: Any) -> tuple[list[Any], int]:
    total = await session.scalar(total_query)
    return list(await session.exec(query)), int(total or 0)


class SqlEnrolmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, enrolment_id: str) -> Enrolment | None:
        row = await self._session.get(EnrolmentRow, enrolment_id)
        return enrolment_of(row) if row else None

    async def save(self, enrolment: Enrolment) -> None:
        await self._session.merge(
            EnrolmentRow(
                id=enrolment.id,
                session_code=enrolment.session_code,
                course_code=enrolment.course_code,
                nip=enrolment.nip,
                agency_code=enrolment.agency_code,
                status=enrolment.status.value,
                queue_number=enrolment.queue_number,
                enrolled_by=enrolment.enrolled_by,
                requested_at=enrolment.requested_at,
                changed_at=enrolment.changed_at,
                proposal_id=enrolment.proposal_id,
                reason=enrolment.reason,
            )
        )

    async def current_of(self, nip: str, course_code: str | None = None) -> list[Enrolment]:
        query = (
            select(EnrolmentRow)
            .join(SessionRow, col(SessionRow.code) == EnrolmentRow.session_code)
            .where(EnrolmentRow.nip == nip)
            .where(EnrolmentRow.status != EnrolmentStatus.CANCELLED.value)
            .where(col(SessionRow.status).not_in(ENDED))
            .order_by(col(EnrolmentRow.session_code))
        )
        if course_code is not None:
            query = query.where(EnrolmentRow.course_code == course_code)
        return [enrolment_of(row) for row in await self._session.exec(query)]

    async def search(
        self,
        visibility: Visibility,
        *,
        nip: str | None,
        session_code: str | None,
        course_code: str | None,
        status: str | None,
        limit: int,
        offset: int,
    ) -> Page[Enrolment]:
        conditions: list[Any] = [visible(visibility, EnrolmentRow.agency_code, EnrolmentRow.nip)]
        for column, value in (
            (EnrolmentRow.nip, nip),
            (EnrolmentRow.session_code, session_code),
            (EnrolmentRow.course_code, course_code),
            (EnrolmentRow.status, status),
        ):
            if value is not None:
                conditions.append(column == value)
        rows, total = await _page(
            self._session,
            select(EnrolmentRow)
            .where(*conditions)
            .order_by(col(EnrolmentRow.session_code), col(EnrolmentRow.queue_number))
            .limit(limit)
            .offset(offset),
            select(func.count()).select_from(EnrolmentRow).where(*conditions),
        )
        return Page([enrolment_of(row) for row in rows], total)


def _request(row: EnrolmentRequestRow) -> EnrolmentRequest:
    return EnrolmentRequest(
        proposal_id=row.proposal_id,
        nip=row.nip,
        agency_code=row.agency_code,
        course_code=row.course_code,
        status=RequestStatus(row.status),
        requested_at=row.requested_at,
        changed_at=row.changed_at,
        enrolment_id=row.enrolment_id,
        reason=row.reason,
    )


class SqlEnrolmentRequestRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, proposal_id: str) -> EnrolmentRequest | None:
        row = await self._session.get(EnrolmentRequestRow, proposal_id)
        return _request(row) if row else None

    async def save(self, request: EnrolmentRequest) -> None:
        await self._session.merge(EnrolmentRequestRow(**request.__dict__))

    async def waiting(
        self, *, nip: str | None = None, course_code: str | None = None, claim: bool = False
    ) -> list[EnrolmentRequest]:
        query = select(EnrolmentRequestRow).where(
            EnrolmentRequestRow.status == RequestStatus.WAITING.value
        )
        if nip is not None:
            query = query.where(EnrolmentRequestRow.nip == nip)
        if course_code is not None:
            query = query.where(EnrolmentRequestRow.course_code == course_code)
        query = query.order_by(
            col(EnrolmentRequestRow.requested_at), col(EnrolmentRequestRow.proposal_id)
        )
        if claim:
            query = query.with_for_update(skip_locked=True).execution_options(
                populate_existing=True
            )
        return [_request(row) for row in await self._session.exec(query)]

    async def search(
        self, visibility: Visibility, *, status: str | None, limit: int, offset: int
    ) -> Page[EnrolmentRequest]:
        conditions: list[Any] = [
            visible(visibility, EnrolmentRequestRow.agency_code, EnrolmentRequestRow.nip)
        ]
        if status is not None:
            conditions.append(EnrolmentRequestRow.status == status)
        rows, total = await _page(
            self._session,
            select(EnrolmentRequestRow)
            .where(*conditions)
            .order_by(col(EnrolmentRequestRow.requested_at), col(EnrolmentRequestRow.proposal_id))
            .limit(limit)
            .offset(offset),
            select(func.count()).select_from(EnrolmentRequestRow).where(*conditions),
        )
        return Page([_request(row) for row in rows], total)
