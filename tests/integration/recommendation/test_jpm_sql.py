"""The job-person match in SQL: recommendation's JPM distribution sums each employee's
met and required levels from the gap rows in SQL (SqlAnalyticsStore.jpm_buckets), then
applies the kernel's percent and bands to the sums. The sums must be the kernel's
(bangkom.kernel.jpm) on every case of tests/rule_cases.py, on SQLite and on PostgreSQL.

Each case is one employee in an agency of its own, with the gap rows the kernel's
calculate_gaps makes of the case's standard and levels, as recalculation stores them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bangkom.kernel.gaps import Requirement, calculate_gaps
from bangkom.kernel.jpm import jpm_percent, match
from bangkom.recommendation.adapters.analytics import SqlAnalyticsStore
from bangkom.recommendation.adapters.tables import GapRow, PlacementRow, metadata
from tests import factories
from tests.infra import scratch_session
from tests.rule_cases import JPM, JpmCase

KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
AT = datetime(2030, 6, 1, 3, tzinfo=UTC)


def _agency(index: int) -> str:
    return f"12.73.C{index:02}"


def _rows(index: int, case: JpmCase) -> list[object]:
    nip, agency = factories.nip(), _agency(index)
    standard = {code: Requirement(code, code, level) for code, level in case.standard.items()}
    rows: list[object] = [
        PlacementRow(nip=nip, agency_code=agency, position_code="P", active=True, changed_at=AT)
    ]
    rows += [
        GapRow(
            nip=nip,
            competency_code=gap.competency_code,
            agency_code=agency,
            competency_name=gap.competency_name,
            required_level=gap.required_level,
            current_level=gap.current_level,
            status=gap.status.value,
            standard_version=1,
            calculated_at=AT,
        )
        for gap in calculate_gaps(standard, case.levels)
    ]
    return rows


def _kernel(case: JpmCase) -> tuple[int, int, bool, float | None] | None:
    """(met, required, anything assessed, JPM) by the kernel; None where it has no JPM
    (no standard: the employee is not counted)."""
    found = match(case.standard, case.levels)
    if found.jpm is None:
        return None
    return found.met, found.required, found.assessed > 0, found.jpm


@pytest.mark.parametrize("kind", KINDS)
async def test_the_sql_sums_give_the_kernels_match(kind: str, tmp_path: Path) -> None:
    async with scratch_session(kind, tmp_path, metadata) as session:
        for index, case in enumerate(JPM):
            session.add_all(_rows(index, case))
        await session.flush()
        buckets = await SqlAnalyticsStore(session).jpm_buckets(None)

    assert all(bucket.employees == 1 for bucket in buckets)
    by_agency = {
        bucket.agency_code: (
            bucket.met,
            bucket.required,
            bucket.assessed,
            jpm_percent(bucket.met, bucket.required),
        )
        for bucket in buckets
    }
    found = {case.name: by_agency.get(_agency(index)) for index, case in enumerate(JPM)}
    assert found == {case.name: _kernel(case) for case in JPM}
