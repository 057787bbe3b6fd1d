"""The agency scope as SQL, on an in-memory SQLite table."""

import pytest
from sqlalchemy import Column, MetaData, String, Table, create_engine, insert, select

from bangkom.platform.db.scope import within_agencies

metadata = MetaData()
rows = Table("rows", metadata, Column("agency_code", String, primary_key=True))
CODES = [
    "12.73",
    "12.73.BKPSDM",
    "12.73.BKPSDM.PK",
    "12.73.BKPSDMX",
    "12.73.DIN_KES",
    "12.73.DINXKES",
]


@pytest.mark.parametrize(
    ("roots", "expected"),
    [
        (None, set(CODES)),
        (frozenset(), set()),
        (frozenset({"12.73.BKPSDM"}), {"12.73.BKPSDM", "12.73.BKPSDM.PK"}),
        (frozenset({"12.73.DIN_KES"}), {"12.73.DIN_KES"}),
    ],
)
def test_within_agencies_selects_the_roots_and_what_is_below_them(
    roots: frozenset[str] | None, expected: set[str]
) -> None:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(rows), [{"agency_code": c} for c in CODES])
        found = connection.scalars(
            select(rows.c.agency_code).where(within_agencies(rows.c.agency_code, roots))
        )
        assert set(found) == expected
