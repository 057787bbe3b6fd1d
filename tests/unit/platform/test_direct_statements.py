"""Which statements asyncpg may run alone (platform.db.direct): those whose values all
come from their parameters; the Core keeps those it fills in or renders itself."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, bindparam, insert, select, text
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg

from bangkom.platform.db.direct import direct_statement
from bangkom.platform.db.lists import listed

METADATA = MetaData()
ROWS = Table(
    "rows",
    METADATA,
    Column("key", String(18), primary_key=True),
    Column("level", Integer, nullable=False),
    Column("note", String(50), default="none"),
)
DIALECT = PGDialect_asyncpg()  # type: ignore[no-untyped-call]


def test_a_statement_of_parameters_only_runs_alone_in_parameter_order() -> None:
    statement = select(ROWS.c.key, ROWS.c.level).where(
        listed(ROWS.c.key, True), ROWS.c.level >= bindparam("least")
    )
    direct = direct_statement(statement, DIALECT)
    assert direct is not None
    assert [name for name, _ in direct.parameters] == ["listed", "least"]
    assert direct.arguments({"least": 2, "listed": ["a"]}) == [["a"], 2]
    assert direct.rows([("a", 3)])[0].level == 3


@pytest.mark.parametrize(
    "statement",
    [
        select(ROWS.c.key).where(ROWS.c.level == 5),  # a literal value
        select(ROWS.c.key).where(ROWS.c.key.in_(bindparam("keys", expanding=True))),
        insert(ROWS)
        .values(key=bindparam("key"), level=bindparam("level"))
        .returning(ROWS.c.key),  # note's default
        text("SELECT key FROM rows"),  # no known columns
    ],
    ids=["literal", "expanding IN", "Python-side default", "text"],
)
def test_what_the_core_fills_in_or_renders_stays_with_the_core(statement: Any) -> None:
    assert direct_statement(statement, DIALECT) is None
