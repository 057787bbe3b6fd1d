"""The 20 JP arithmetic summed in SQL agrees with the kernel's (bangkom.kernel.jp): the
compliance figures of training (SqlComplianceRepository) and of recommendation's
analytics (SqlAnalyticsStore.jp_compliance), on SQLite and on PostgreSQL, for one
agency whose employees earned JP on either side of 20; a PPPK employee and one who
left are not counted."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bangkom.kernel import jp
from bangkom.recommendation.adapters import tables as recommendation
from bangkom.recommendation.adapters.analytics import SqlAnalyticsStore
from bangkom.recommendation.domain.analytics import ComplianceTally, tally_jp
from bangkom.training.adapters import tables as training
from bangkom.training.adapters.records import SqlComplianceRepository
from bangkom.training.domain.ledger import summarise
from tests import factories
from tests.infra import scratch_session

KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
AGENCY = "12.73.BKPSDM"
YEAR = 2027
AT = datetime(2027, 5, 26, 3, tzinfo=UTC)
# JP earned in the year per counted employee (each in completions of at most 12 JP).
EARNED = [0, 1, 12, 19, 20, 21, 45]
NOT_COUNTED = [("PPPK", True, 7), ("PNS", False, 9)]  # (employment type, active, JP)


def _people() -> list[tuple[str, str, bool, int]]:
    """(nip, employment type, active, JP earned) of everyone in the agency."""
    counted = [(factories.nip(), "PNS", True, earned) for earned in EARNED]
    others = [
        (factories.nip(pppk=kind == "PPPK"), kind, active, earned)
        for kind, active, earned in NOT_COUNTED
    ]
    return counted + others


def _parts(earned: int) -> list[int]:
    return [12] * (earned // 12) + ([earned % 12] if earned % 12 else [])


@pytest.mark.parametrize("kind", KINDS)
async def test_training_sums_the_kernels_figures(kind: str, tmp_path: Path) -> None:
    async with scratch_session(kind, tmp_path, training.metadata) as session:
        for nip, employment_type, active, earned in _people():
            session.add(
                training.EmployeeRow(
                    nip=nip,
                    name="Pegawai",
                    employment_type=employment_type,
                    agency_code=AGENCY,
                    position_code="P.A",
                    active=active,
                    changed_at=AT,
                )
            )
            for part in _parts(earned):
                session.add(
                    training.CompletionRow(
                        id=str(uuid.uuid4()),
                        nip=nip,
                        agency_code=AGENCY,
                        year=YEAR,
                        title="Pelatihan",
                        outcome="passed",
                        jp=part,
                        jp_credited=part,
                        mode="klasikal",
                        competencies=[],
                        source="lms",
                        reference=str(uuid.uuid4()),
                        completed_at=AT,
                        recorded_by="test",
                        recorded_at=AT,
                    )
                )
        await session.flush()

        figures = await SqlComplianceRepository(session).of_agency_tree(YEAR, AGENCY)

    assert figures == summarise(AGENCY, YEAR, EARNED)
    assert figures.jp_missing == sum(jp.missing(earned) for earned in EARNED)


@pytest.mark.parametrize("kind", KINDS)
async def test_recommendation_sums_the_kernels_figures(kind: str, tmp_path: Path) -> None:
    async with scratch_session(kind, tmp_path, recommendation.metadata) as session:
        for nip, employment_type, active, earned in _people():
            session.add(
                recommendation.PlacementRow(
                    nip=nip,
                    agency_code=AGENCY,
                    position_code="P.A",
                    employment_type=employment_type,
                    active=active,
                    changed_at=AT,
                )
            )
            # and a failed course of 8 JP, which credits nothing
            for part, outcome in [*((p, "passed") for p in _parts(earned)), (8, "failed")]:
                session.add(
                    recommendation.CompletionRow(
                        completion_id=str(uuid.uuid4()),
                        nip=nip,
                        agency_code=AGENCY,
                        course_code="C",
                        outcome=outcome,
                        jp=part,
                        year=YEAR,
                        competencies=[],
                        completed_at=AT,
                    )
                )
        await session.flush()

        [agency] = await SqlAnalyticsStore(session).jp_compliance(
            None, year=YEAR, target=jp.TARGET_JP
        )

    expected = sum((tally_jp(earned) for earned in EARNED), ComplianceTally())
    assert (agency.agency_code, agency.tally) == (AGENCY, expected)
