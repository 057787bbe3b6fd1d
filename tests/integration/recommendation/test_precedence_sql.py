"""Which result is current, in SQL: recommendation's course-effects query picks the
level before a course with the precedence order in SQL (for speed, over many
completions at once). It must agree with the kernel's rule (bangkom.kernel.precedence)
on every case of tests/rule_cases.py, on SQLite and on PostgreSQL.

Each case is one completion of a course after all of its candidate results; candidate
j has level j + 1, so the level the query reports as "before" (after - change) names
the result it took as current.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bangkom.kernel.precedence import METHOD_RANK, period_of, precedence_of
from bangkom.recommendation.adapters.analytics import SqlAnalyticsStore
from bangkom.recommendation.adapters.tables import (
    CompletionRow,
    LevelRow,
    ResultHistoryRow,
    metadata,
)
from tests.infra import scratch_session
from tests.rule_cases import PRECEDENCE, PrecedenceCase

KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
NIP = "198503152010012003"
COMPETENCY = "M.05"
COMPLETED_AT = datetime(2030, 6, 1, 3, tzinfo=UTC)
AFTER = 5  # the level set by a result after the course


def _kernel_level(case: PrecedenceCase) -> int:
    ranked = max(
        enumerate(case.candidates, start=1),
        key=lambda c: precedence_of(c[1].method, c[1].evaluated_at, c[1].result_id),
    )
    return ranked[0]


def _expected_level(case: PrecedenceCase) -> int:
    return next(
        level
        for level, candidate in enumerate(case.candidates, start=1)
        if candidate.result_id == case.current
    )


def _rows(case: PrecedenceCase) -> list[object]:
    rows: list[object] = [
        ResultHistoryRow(
            result_id=candidate.result_id,
            nip=NIP,
            competency_code=COMPETENCY,
            level=level,
            evaluated_at=candidate.evaluated_at,
            period=period_of(candidate.evaluated_at),
            method_rank=METHOD_RANK[candidate.method],
        )
        for level, candidate in enumerate(case.candidates, start=1)
    ]
    rows.append(
        CompletionRow(
            completion_id="completion",
            nip=NIP,
            agency_code="12.73.BKPSDM",
            course_code="COURSE",
            outcome="passed",
            jp=10,
            year=2030,
            competencies=[COMPETENCY],
            completed_at=COMPLETED_AT,
        )
    )
    rows.append(
        LevelRow(
            nip=NIP,
            competency_code=COMPETENCY,
            level=AFTER,
            evaluated_at=datetime(2030, 9, 1, 3, tzinfo=UTC),
            result_id="after-the-course",
            period=2030,
            method_rank=3,
        )
    )
    return rows


@pytest.mark.parametrize("kind", KINDS)
async def test_the_sql_takes_the_same_result_as_current_as_the_kernel(
    kind: str, tmp_path: Path
) -> None:
    found: dict[str, tuple[int, int | None]] = {}
    async with scratch_session(kind, tmp_path, metadata) as session:
        for case in PRECEDENCE:
            session.add_all(_rows(case))
            await session.flush()
            [effect] = await SqlAnalyticsStore(session).course_effects(None)
            assert effect.tally.measured == 1, case.name
            found[case.name] = (_kernel_level(case), AFTER - effect.tally.change_sum)
            await session.rollback()

    expected = {case.name: (_expected_level(case),) * 2 for case in PRECEDENCE}
    assert found == expected
