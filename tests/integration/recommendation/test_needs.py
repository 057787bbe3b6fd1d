"""An agency's training needs on real PostgreSQL: its own, or failing that those of the
closest agency above it, looked up for a whole batch of employees at once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bangkom.platform.service import Service
from bangkom.recommendation.domain.model import AgencyNeed, Placement

pytestmark = [pytest.mark.postgres]
AT = datetime(2026, 3, 2, tzinfo=UTC)
CITY = "12.73"
HR_OFFICE = "12.73.BKPSDM"
HEALTH = "12.73.DINKES"
CLINIC = "12.73.DINKES.PKM01"


def _need(agency_code: str, competency_code: str, rank: int) -> AgencyNeed:
    return AgencyNeed(agency_code, competency_code, rank, 1.0 / rank, "2026")


def _placement(nip: str, agency_code: str) -> Placement:
    return Placement(
        nip=nip, agency_code=agency_code, position_code="P1", active=True, changed_at=AT
    )


async def test_needs_of_a_batch_come_from_each_agency_or_the_closest_above(
    service: Service,
) -> None:
    async with service.uow_factory() as uow:
        typed: Any = uow
        await typed.needs.replace(CITY, [_need(CITY, "M.01", 1)], "s-city", AT)
        await typed.needs.replace(
            HEALTH, [_need(HEALTH, "M.02", 1), _need(HEALTH, "M.03", 2)], "s-h", AT
        )
        for nip, agency in [("1", HR_OFFICE), ("2", CLINIC), ("3", HEALTH), ("4", "99.01")]:
            await typed.placements.save(_placement(nip.rjust(18, "0"), agency))
        await uow.commit()

    async with service.uow_factory() as uow:
        typed = uow
        await typed.prefetch([n.rjust(18, "0") for n in "1234"])
        found = {
            agency: sorted(
                (n.agency_code, n.competency_code, n.rank)
                for n in await typed.needs.nearest(agency)
            )
            for agency in (HR_OFFICE, CLINIC, HEALTH, "99.01")
        }

    assert found == {
        HR_OFFICE: [(CITY, "M.01", 1)],
        CLINIC: [(HEALTH, "M.02", 1), (HEALTH, "M.03", 2)],
        HEALTH: [(HEALTH, "M.02", 1), (HEALTH, "M.03", 2)],
        "99.01": [],
    }
