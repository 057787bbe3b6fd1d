"""Roster search in SQL (the evaluation repository) agrees with the domain's rule
(bangkom.evaluation.domain.roster_search) on the same cases, on SQLite and on
PostgreSQL after the service's migrations; on PostgreSQL a name search can use the
trigram index and a NIP prefix the primary key, and neither leaves the caller's scope."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.evaluation.adapters.employees import SqlEmployeeRepository
from bangkom.evaluation.bootstrap import bootstrap
from bangkom.evaluation.config import EvaluationSettings
from bangkom.evaluation.domain.model import Employee
from bangkom.evaluation.domain.roster_search import RosterSearch
from bangkom.kernel.nip import EmploymentType
from bangkom.platform.db.migrations import upgrade
from tests import factories
from tests.infra import a_database

KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
NIPS = sorted({factories.nip() for _ in range(6)})[:5]
NAMES = ["Rina Siregar", "RUDI SIREGAR", "Dewi Nainggolan", "Siti 100%_Aminah", "Budi Lubis"]
AGENCIES = ["12.73.BKPSDM", "12.73.BKPSDM.SUB", "12.73.BKPSDM", "12.73.BKPSDM", "12.73.DINKES"]
CASES = ["siregar", "SIREGAR", "rina sir", "100%_", "_", "%", "aminah", NIPS[0][:8], NIPS[1], "9"]


def _employees() -> list[Employee]:
    return [
        Employee(
            nip=nip,
            name=name,
            employment_type=EmploymentType.PNS,
            agency_code=agency,
            position_code="P-1",
            active=True,
            changed_at=factories.at(),
        )
        for nip, name, agency in zip(NIPS, NAMES, AGENCIES, strict=True)
    ]


@asynccontextmanager
async def _roster(kind: str, tmp_path: Path) -> AsyncIterator[AsyncSession]:
    async with a_database(kind, tmp_path) as address:
        settings = EvaluationSettings(database_url=address, auth_dev_key_file=tmp_path / "k.pem")
        service = bootstrap(settings)
        await upgrade(service.database.engine, service.migrations)
        try:
            async with AsyncSession(service.database.engine) as session:
                repository = SqlEmployeeRepository(session)
                for employee in _employees():
                    await repository.save(employee)
                await session.commit()
                yield session
        finally:
            await service.database.engine.dispose()


@pytest.mark.parametrize("kind", KINDS)
async def test_sql_and_the_domain_agree_on_every_search(kind: str, tmp_path: Path) -> None:
    async with _roster(kind, tmp_path) as session:
        repository = SqlEmployeeRepository(session)
        disagreements = []
        for case in CASES:
            search = RosterSearch.of(case)
            assert search is not None
            found = await repository.list(
                scope=None, active=None, limit=50, offset=0, search=search
            )
            in_sql = {e.nip for e in found}
            by_rule = {e.nip for e in _employees() if search.matches(e.nip, e.name)}
            if in_sql != by_rule:
                disagreements.append((case, sorted(in_sql), sorted(by_rule)))
        assert disagreements == []


@pytest.mark.parametrize("kind", KINDS)
async def test_a_search_stays_within_the_callers_agencies(kind: str, tmp_path: Path) -> None:
    async with _roster(kind, tmp_path) as session:
        repository = SqlEmployeeRepository(session)
        scope = frozenset({"12.73.BKPSDM"})

        found = await repository.list(
            scope=scope, active=None, limit=50, offset=0, search=RosterSearch.of("i")
        )

        assert {e.agency_code for e in found} <= {"12.73.BKPSDM", "12.73.BKPSDM.SUB"}
        assert "Budi Lubis" not in {e.name for e in found}


@pytest.mark.postgres
async def test_postgresql_answers_a_name_search_from_the_trigram_index(tmp_path: Path) -> None:
    async with _roster("postgresql", tmp_path) as session:
        await session.exec(text("SET LOCAL enable_seqscan = off"))  # type: ignore[call-overload]
        plan = await session.exec(  # type: ignore[call-overload]
            text("EXPLAIN SELECT nip FROM employee WHERE lower(name) LIKE '%siregar%'")
        )

        assert "ix_employee_name_trgm" in "\n".join(row[0] for row in plan)
