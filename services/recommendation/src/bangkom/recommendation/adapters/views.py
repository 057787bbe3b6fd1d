"""The hot reads, outside a unit of work: the reads asked for together as one statement
(platform.db.batched)."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from sqlalchemy import Select
from sqlmodel import col, select

from bangkom.kernel.gaps import Gap
from bangkom.platform.db.batched import BatchedRead
from bangkom.platform.db.database import Database
from bangkom.platform.db.lists import listed
from bangkom.recommendation.adapters.gaps import GAP_COLUMNS
from bangkom.recommendation.adapters.read_models import PLACEMENT_COLUMNS
from bangkom.recommendation.adapters.tables import GapRow, PlacementRow, StandardRow
from bangkom.recommendation.domain.model import Placement
from bangkom.recommendation.handlers.ports import EmployeeGaps

_PLACED = len(PLACEMENT_COLUMNS)
_COLUMNS: tuple[Any, ...] = (*PLACEMENT_COLUMNS, StandardRow.version, *GAP_COLUMNS)


def _employee_gaps(postgresql: bool) -> Select[Any]:
    """Of each employee listed, the placement, its standard's version and every current
    gap: one row per gap (one row with no gap columns when there is none yet)."""
    statement: Select[Any] = (
        select(*_COLUMNS)
        .select_from(PlacementRow)
        .outerjoin(StandardRow, col(StandardRow.position_code) == col(PlacementRow.position_code))
        .outerjoin(GapRow, col(GapRow.nip) == col(PlacementRow.nip))
        .where(listed(PlacementRow.nip, postgresql))
        .order_by(col(PlacementRow.nip), col(GapRow.competency_code))
    )
    return statement


class SqlEmployeeViews:
    def __init__(self, database: Database) -> None:
        self._gaps = BatchedRead(database, _employee_gaps, key=itemgetter(0))

    async def gaps(self, nip: str) -> EmployeeGaps | None:
        rows = await self._gaps.rows(nip)
        if not rows:
            return None
        first = rows[0]
        return EmployeeGaps(
            placement=Placement(*first[:_PLACED]),
            standard_version=first[_PLACED],
            gaps=[Gap(*row[_PLACED + 1 :]) for row in rows if row[_PLACED + 1] is not None],
        )
