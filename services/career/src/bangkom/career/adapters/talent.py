"""Ratings, assessments, agency policies, nine-box placements (with their history) and
the eligible candidates of a position, on SQL."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import String, cast, func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.career.adapters.read_models import first
from bangkom.career.adapters.tables import (
    AgencyPolicyRow,
    AssessmentRow,
    EmployeeRow,
    LevelMapRow,
    PlacementHistoryRow,
    PlacementRow,
    PositionRow,
    RatingRow,
)
from bangkom.career.domain.performance import PerformanceClass, Rating, SkpPredicate
from bangkom.career.domain.potential import PotentialClass, PotentialRule
from bangkom.career.domain.readiness import ReadinessRule
from bangkom.career.domain.talent import AgencyPolicy, Placement
from bangkom.career.handlers.ports import CandidateRow, Scope
from bangkom.platform.db.bulk import upsert
from bangkom.platform.db.reads import fetch_rows
from bangkom.platform.db.scope import within_agencies


class SqlRatingStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _select(self) -> Any:
        return select(
            col(RatingRow.nip),
            col(RatingRow.year),
            col(RatingRow.predicate),
            col(RatingRow.rated_at),
        )

    @staticmethod
    def _rating(row: Any) -> Rating:
        return Rating(row.nip, row.year, SkpPredicate(row.predicate), row.rated_at)

    async def get(self, nip: str, year: int) -> Rating | None:
        row = await first(
            self._session,
            self._select().where(col(RatingRow.nip) == nip, col(RatingRow.year) == year),
        )
        return self._rating(row) if row is not None else None

    async def save(self, rating: Rating, agency_code: str) -> None:
        await upsert(
            self._session,
            RatingRow,
            [
                {
                    "nip": rating.nip,
                    "year": rating.year,
                    "agency_code": agency_code,
                    "predicate": rating.predicate.value,
                    "rated_at": rating.rated_at,
                }
            ],
            ["nip", "year"],
        )

    async def latest(self, nip: str) -> Rating | None:
        row = await first(
            self._session,
            self._select()
            .where(col(RatingRow.nip) == nip)
            .order_by(col(RatingRow.year).desc())
            .limit(1),
        )
        return self._rating(row) if row is not None else None

    async def of_employee(self, nip: str) -> list[Rating]:
        rows = await fetch_rows(
            self._session,
            self._select().where(col(RatingRow.nip) == nip).order_by(col(RatingRow.year)),
        )
        return [self._rating(row) for row in rows]


class SqlAssessmentStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, nip: str) -> tuple[float, datetime] | None:
        row = await first(
            self._session,
            select(col(AssessmentRow.score), col(AssessmentRow.assessed_at)).where(
                col(AssessmentRow.nip) == nip
            ),
        )
        return (row[0], row[1]) if row is not None else None

    async def save(self, nip: str, score: float, assessed_at: datetime) -> None:
        await upsert(
            self._session,
            AssessmentRow,
            [{"nip": nip, "score": score, "assessed_at": assessed_at}],
            ["nip"],
        )


class SqlPolicyStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, agency_code: str) -> AgencyPolicy | None:
        row = await first(
            self._session,
            select(
                col(AgencyPolicyRow.target_step),
                col(AgencyPolicyRow.assessment_weight),
                col(AgencyPolicyRow.high_from),
                col(AgencyPolicyRow.medium_from),
                col(AgencyPolicyRow.ready_now_from),
                col(AgencyPolicyRow.ready_soon_from),
                col(AgencyPolicyRow.employees_see_own_box),
            ).where(col(AgencyPolicyRow.agency_code) == agency_code),
        )
        if row is None:
            return None
        return AgencyPolicy(
            agency_code,
            PotentialRule(row[0], row[1], row[2], row[3]),
            ReadinessRule(row[4], row[5]),
            employees_see_own_box=row[6],
        )

    async def save(self, policy: AgencyPolicy, changed_at: datetime) -> None:
        rule = policy.potential_rule
        await upsert(
            self._session,
            AgencyPolicyRow,
            [
                {
                    "agency_code": policy.agency_code,
                    "target_step": rule.target_step,
                    "assessment_weight": rule.assessment_weight,
                    "high_from": rule.high_from,
                    "medium_from": rule.medium_from,
                    "ready_now_from": policy.readiness_rule.ready_now_from,
                    "ready_soon_from": policy.readiness_rule.ready_soon_from,
                    "employees_see_own_box": policy.employees_see_own_box,
                    "changed_at": changed_at,
                }
            ],
            ["agency_code"],
        )


def _placement(nip: str, row: Any) -> Placement:
    return Placement(
        nip=nip,
        agency_code=row.agency_code,
        position_code=row.position_code,
        performance=PerformanceClass(row.performance) if row.performance else None,
        potential=PotentialClass(row.potential) if row.potential else None,
        potential_score=row.potential_score,
        box=row.box,
        placed_at=row.placed_at,
    )


def _columns(table: Any) -> tuple[Any, ...]:
    return (
        table.nip,
        table.agency_code,
        table.position_code,
        table.performance,
        table.potential,
        table.potential_score,
        table.box,
        table.placed_at,
    )


class SqlPlacementStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def current(self, nip: str) -> Placement | None:
        row = await first(
            self._session, select(*_columns(PlacementRow)).where(col(PlacementRow.nip) == nip)
        )
        return _placement(nip, row) if row is not None else None

    async def save(self, placement: Placement) -> None:
        values = {
            "nip": placement.nip,
            "agency_code": placement.agency_code,
            "position_code": placement.position_code,
            "performance": placement.performance.value if placement.performance else None,
            "potential": placement.potential.value if placement.potential else None,
            "potential_score": placement.potential_score,
            "box": placement.box,
            "placed_at": placement.placed_at,
        }
        await upsert(self._session, PlacementRow, [values], ["nip"])
        await upsert(self._session, PlacementHistoryRow, [values], ["nip", "placed_at"])

    async def on(self, nip: str, until: datetime) -> Placement | None:
        row = await first(
            self._session,
            select(*_columns(PlacementHistoryRow))
            .where(col(PlacementHistoryRow.nip) == nip, col(PlacementHistoryRow.placed_at) <= until)
            .order_by(col(PlacementHistoryRow.placed_at).desc())
            .limit(1),
        )
        return _placement(nip, row) if row is not None else None

    async def listed(
        self, scope: Scope, *, agency_code: str | None, box: int | None, limit: int, offset: int
    ) -> list[Placement]:
        statement = select(*_columns(PlacementRow)).where(
            within_agencies(col(PlacementRow.agency_code), scope)
        )
        if agency_code is not None:
            statement = statement.where(
                within_agencies(col(PlacementRow.agency_code), frozenset({agency_code}))
            )
        if box is not None:
            statement = statement.where(col(PlacementRow.box) == box)
        rows = await fetch_rows(
            self._session,
            statement.order_by(col(PlacementRow.box).desc(), col(PlacementRow.nip))
            .limit(limit)
            .offset(offset),
        )
        return [_placement(row.nip, row) for row in rows]

    async def counts(self, scope: Scope, agency_code: str | None) -> dict[int | None, int]:
        statement = select(col(PlacementRow.box), func.count()).where(
            within_agencies(col(PlacementRow.agency_code), scope)
        )
        if agency_code is not None:
            statement = statement.where(
                within_agencies(col(PlacementRow.agency_code), frozenset({agency_code}))
            )
        rows = await fetch_rows(self._session, statement.group_by(col(PlacementRow.box)))
        return {row[0]: row[1] for row in rows}


class SqlCandidateStore:
    """The eligible employees with their current levels in one row each (current_levels):
    over 200,000 employees the JPM of each candidate is then the domain's rule, in
    Python, on the few tens of thousands of rows of one position type."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def eligible(
        self,
        *,
        candidate_type: str,
        in_position_since_at_most: datetime,
        scope: Scope,
        excluded_position: str,
    ) -> list[CandidateRow]:
        statement = (
            select(
                col(EmployeeRow.nip),
                col(EmployeeRow.agency_code),
                col(EmployeeRow.position_code),
                # As text, decoded here by orjson: json.loads of 24,000 documents was
                # half the time of ranking a province's candidates.
                cast(col(LevelMapRow.levels), String),
                col(PlacementRow.box),
            )
            .join(PositionRow, col(PositionRow.code) == col(EmployeeRow.position_code))
            .outerjoin(LevelMapRow, col(LevelMapRow.nip) == col(EmployeeRow.nip))
            .outerjoin(PlacementRow, col(PlacementRow.nip) == col(EmployeeRow.nip))
            .where(
                col(PositionRow.position_type) == candidate_type,
                col(EmployeeRow.active).is_(True),
                col(EmployeeRow.in_position_since) <= in_position_since_at_most,
                col(EmployeeRow.position_code) != excluded_position,
                within_agencies(col(EmployeeRow.agency_code), scope),
            )
        )
        rows = await fetch_rows(self._session, statement)
        return [
            CandidateRow(r[0], r[1], r[2], orjson.loads(r[3]) if r[3] else {}, r[4]) for r in rows
        ]
