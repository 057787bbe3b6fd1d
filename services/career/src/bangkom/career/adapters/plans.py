"""Development plans on SQL; each item shows the proposal it became and its status."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.career.adapters.read_models import first
from bangkom.career.adapters.tables import PlanProposalRow, PlanRow
from bangkom.career.domain.model import DevelopmentPlan, PlanItem, PlanStatus
from bangkom.platform.db.bulk import upsert
from bangkom.platform.db.reads import fetch_rows

PLAN: tuple[Any, ...] = (
    col(PlanRow.id),
    col(PlanRow.nip),
    col(PlanRow.agency_code),
    col(PlanRow.target_position_code),
    col(PlanRow.jp_budget),
    col(PlanRow.items),
    col(PlanRow.unknown_competencies),
    col(PlanRow.status),
    col(PlanRow.created_by),
    col(PlanRow.created_at),
    col(PlanRow.decided_by),
    col(PlanRow.decided_at),
    col(PlanRow.note),
)
ITEM_FIELDS = (
    "competency_code",
    "competency_name",
    "course_code",
    "course_title",
    "current_level",
    "required_level",
    "jp",
    "score",
)


class SqlPlanStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _plan(self, row: Any) -> DevelopmentPlan:
        links = await fetch_rows(
            self._session,
            select(
                col(PlanProposalRow.competency_code),
                col(PlanProposalRow.course_code),
                col(PlanProposalRow.proposal_id),
                col(PlanProposalRow.status),
            ).where(col(PlanProposalRow.plan_id) == row.id),
        )
        proposals = {(r[0], r[1]): (r[2], r[3]) for r in links}
        items = []
        for item in row.items:
            proposal_id, status = proposals.get(
                (item["competency_code"], item["course_code"]), (None, None)
            )
            items.append(
                PlanItem(
                    **{k: item[k] for k in ITEM_FIELDS},
                    reasons=tuple(item["reasons"]),
                    proposal_id=proposal_id,
                    proposal_status=status,
                )
            )
        return DevelopmentPlan(
            id=row.id,
            nip=row.nip,
            agency_code=row.agency_code,
            target_position_code=row.target_position_code,
            jp_budget=row.jp_budget,
            items=tuple(items),
            unknown_competencies=tuple(row.unknown_competencies),
            status=PlanStatus(row.status),
            created_by=row.created_by,
            created_at=row.created_at,
            decided_by=row.decided_by,
            decided_at=row.decided_at,
            note=row.note,
        )

    async def add(self, plan: DevelopmentPlan) -> None:
        await self.save(plan)

    async def save(self, plan: DevelopmentPlan) -> None:
        await upsert(
            self._session,
            PlanRow,
            [
                {
                    "id": plan.id,
                    "nip": plan.nip,
                    "agency_code": plan.agency_code,
                    "target_position_code": plan.target_position_code,
                    "jp_budget": plan.jp_budget,
                    "items": [
                        {k: getattr(i, k) for k in ITEM_FIELDS} | {"reasons": list(i.reasons)}
                        for i in plan.items
                    ],
                    "unknown_competencies": list(plan.unknown_competencies),
                    "status": plan.status.value,
                    "created_by": plan.created_by,
                    "created_at": plan.created_at,
                    "decided_by": plan.decided_by,
                    "decided_at": plan.decided_at,
                    "note": plan.note,
                }
            ],
            ["id"],
        )

    async def get(self, plan_id: str) -> DevelopmentPlan | None:
        row = await first(self._session, select(*PLAN).where(col(PlanRow.id) == plan_id))
        return await self._plan(row) if row is not None else None

    async def of_person(self, nip: str) -> list[DevelopmentPlan]:
        rows = await fetch_rows(
            self._session,
            select(*PLAN).where(col(PlanRow.nip) == nip).order_by(col(PlanRow.created_at).desc()),
        )
        return [await self._plan(row) for row in rows]

    async def link_proposal(
        self, plan_id: str, competency_code: str, course_code: str, proposal_id: str
    ) -> None:
        await upsert(
            self._session,
            PlanProposalRow,
            [
                {
                    "proposal_id": proposal_id,
                    "plan_id": plan_id,
                    "competency_code": competency_code,
                    "course_code": course_code,
                    "status": "proposed",
                }
            ],
            ["proposal_id"],
            update=False,
        )

    async def proposal_moved(self, proposal_id: str, status: str) -> None:
        await self._session.exec(
            update(PlanProposalRow)
            .where(col(PlanProposalRow.proposal_id) == proposal_id)
            .values(status=status)
        )
