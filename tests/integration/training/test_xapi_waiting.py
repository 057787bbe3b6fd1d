"""Statements waiting for a mapping are found by what is given, on SQLite and PostgreSQL:
a new employee's account finds theirs, not every statement without a mailbox."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bangkom.training.adapters.tables import metadata
from bangkom.training.adapters.xapi import SqlXapiRepository
from bangkom.training.domain.xapi import Statement
from tests.infra import scratch_session

AT = datetime(2026, 11, 2, 2, tzinfo=UTC)


def statement(number: int, *, account: str | None, mbox: str | None) -> Statement:
    return Statement(
        id=f"00000000-0000-4000-8000-{number:012d}",
        platform_code="MOODLE",
        content={"n": number},
        verb_id="http://adlnet.gov/expapi/verbs/completed",
        activity_id=f"https://lms.example/course/{number}",
        account_name=account,
        mbox=mbox,
        success=True,
        timestamp=AT,
        registration=None,
        stored_at=AT,
    )


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def test_waiting_statements_are_those_of_what_is_given(kind: str, tmp_path: Path) -> None:
    async with scratch_session(kind, tmp_path, metadata) as session:
        xapi = SqlXapiRepository(session)
        mine = statement(1, account="199001012020121001", mbox=None)
        others = statement(2, account="199001012020121002", mbox=None)
        by_mail = statement(3, account=None, mbox="mailto:siti@example.go.id")
        for each in (mine, others, by_mail):
            await xapi.save_statement(each)
        await session.flush()

        by_account = await xapi.waiting(account_name="199001012020121001")
        by_mailbox = await xapi.waiting(mbox="mailto:siti@example.go.id")
        by_activity = await xapi.waiting(activity_id=others.activity_id)
        nothing_given = await xapi.waiting()

    assert [s.id for s in by_account] == [mine.id]
    assert [s.id for s in by_mailbox] == [by_mail.id]
    assert [s.id for s in by_activity] == [others.id]
    assert nothing_given == []
