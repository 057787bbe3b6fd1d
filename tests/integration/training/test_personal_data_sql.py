"""What training gives an employee asking for their data holds the xAPI statements of
their account and of the mailboxes registered to them, on SQLite and PostgreSQL: the
criterion is a subquery of the mailbox mapping, run on the migrated schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from bangkom.platform.web.personal_data import collect
from bangkom.training.adapters.xapi import SqlXapiRepository
from bangkom.training.bootstrap import bootstrap
from bangkom.training.config import TrainingSettings
from tests.infra import a_database
from tests.integration.training.test_xapi_waiting import AT, statement

NIP, OTHER = "199001012020121001", "199202022020122002"


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def test_the_statements_of_the_persons_account_and_mailboxes_and_no_others(
    kind: str, tmp_path: Path
) -> None:
    mine = [
        statement(1, account=NIP, mbox=None),
        statement(2, account=None, mbox="mailto:rina@pemkot.example"),
    ]
    others = [
        statement(3, account=OTHER, mbox=None),
        statement(4, account=None, mbox="mailto:andi@pemkot.example"),
        statement(5, account=None, mbox="mailto:tamu@pemkot.example"),  # nobody's yet
    ]
    async with a_database(kind, tmp_path) as address:
        service = bootstrap(TrainingSettings(database_url=address))
        try:
            await service.prepare()
            async with service.database.sessions() as session, session.begin():
                xapi = SqlXapiRepository(session)
                await xapi.register_actor("mailto:rina@pemkot.example", NIP, by="t", at=AT)
                await xapi.register_actor("mailto:andi@pemkot.example", OTHER, by="t", at=AT)
                for each in (*mine, *others):
                    await xapi.save_statement(each)
            async with service.database.sessions() as session:
                held = await collect(session, service.app.state.personal_tables, NIP)
        finally:
            await service.database.dispose()

    assert {s["id"] for s in held["xapi_statement"]} == {s.id for s in mine}
    assert [a["mbox"] for a in held["xapi_actor"]] == ["mailto:rina@pemkot.example"]
