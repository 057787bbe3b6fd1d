"""The newer event wins in recommendation's enrolment read model as in the kernel
(bangkom.kernel.business_time): the business time known is read back from the database
(SQLite and PostgreSQL) and compared with the incoming one on every case of
tests/rule_cases.py, an equal time (the same instant in another zone too) included."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.kernel.business_time import supersedes_state
from bangkom.recommendation.adapters.read_models import SqlLearningStore, SqlPlacementStore
from bangkom.recommendation.adapters.summaries import SqlAnalyticsMarks
from bangkom.recommendation.adapters.tables import EnrolmentRow, metadata
from tests.infra import scratch_session
from tests.rule_cases import NEWER_WINS

KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
NIP = "198503152010012003"


def _learning(session: AsyncSession) -> SqlLearningStore:
    marks = SqlAnalyticsMarks(session)
    return SqlLearningStore(session, SqlPlacementStore(session, marks), marks)


@pytest.mark.parametrize("kind", KINDS)
async def test_an_enrolment_change_is_kept_only_when_newer_than_the_one_held(
    kind: str, tmp_path: Path
) -> None:
    found: list[tuple[datetime, datetime | None, bool, bool, str]] = []
    async with scratch_session(kind, tmp_path, metadata) as session:
        for incoming, known, _ in NEWER_WINS:
            if known is not None:
                await _learning(session).save_enrolment(
                    "E-1", NIP, "COURSE", "enrolled", None, known
                )
                session.expunge_all()  # what is held is read back from the database
            stored = await _learning(session).save_enrolment(
                "E-1", NIP, "COURSE", "cancelled", None, incoming
            )
            status = (await session.exec(select(EnrolmentRow.status))).one()
            found.append((incoming, known, supersedes_state(incoming, known), stored, status))
            await session.rollback()

    assert found == [
        (incoming, known, wins, wins, "cancelled" if wins else "enrolled")
        for incoming, known, wins in NEWER_WINS
    ]
