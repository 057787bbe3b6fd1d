"""The hot reads, one statement each outside a unit of work (platform.db.plain)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam
from sqlmodel import col, select

from bangkom.kernel.gaps import Gap
from bangkom.platform.db.database import Database
from bangkom.platform.db.plain import PlainRead
from bangkom.recommendation.adapters.gaps import GAP_COLUMNS
from bangkom.recommendation.adapters.read_models import PLACEMENT_COLUMNS
from bangkom.recommendation.adapters.tables import GapRow, PlacementRow, StandardRow
from bangkom.recommendation.domain.model import Placement
from bangkom.recommendation.handlers.ports import EmployeeGaps

_PLACED = len(PLACEMENT_COLUMNS)
_COLUMNS: tuple[Any, ...] = (*PLACEMENT_COLUMNS, StandardRow.version, *GAP_COLUMNS)
# The placement, its standard's version and every current gap: one row per gap (one
# row with no gap columns when there is none yet).
_EMPLOYEE_GAPS = PlainRead(
    select(*_COLUMNS)
    .select_from(PlacementRow)
    .outerjoin(StandardRow, col(StandardRow.position_code) == col(PlacementRow.position_code))
    .outerjoin(GapRow, col(GapRow.nip) == col(PlacementRow.nip))
    .where(col(PlacementRow.nip) == bindparam("nip"))
    .order_by(col(GapRow.competency_code))
)


class SqlEmployeeViews:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def gaps(self, nip: str) -> EmployeeGaps | None:
        rows = await _EMPLOYEE_GAPS.rows(self._database, nip=nip)
        if not rows:
            return None
        first = rows[0]
        return EmployeeGaps(
            placement=Placement(*first[:_PLACED]),
            standard_version=first[_PLACED],
            gaps=[Gap(*row[_PLACED + 1 :]) for row in rows if row[_PLACED + 1] is not None],
        )
