"""Assessment results on SQL: one by one, and in bulk (COPY on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from operator import attrgetter
from typing import Any

from asyncpg.exceptions import UniqueViolationError
from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select

from bangkom.evaluation.adapters.repository import SqlRepository
from bangkom.evaluation.adapters.tables import AssessmentResultRow
from bangkom.evaluation.domain.model import (
    AssessmentMethod,
    AssessmentResult,
)
from bangkom.platform.db.bulk import driver_connection
from bangkom.platform.db.lists import on_postgresql
from bangkom.platform.db.reads import fetch_rows

NATURAL_KEY = ["nip", "competency_code", "method", "evaluated_at"]
RESULT_COLUMNS = (
    "id",
    "nip",
    "competency_code",
    "level",
    "method",
    "evaluated_at",
    "assessor",
    "evidence",
)
STAGING = "staging_assessment_result"
# A result as a COPY record (the method, a StrEnum, is written as its text).
_RECORD = attrgetter(*RESULT_COLUMNS)


def result_values(result: AssessmentResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "nip": result.nip,
        "competency_code": result.competency_code,
        "level": result.level,
        "method": result.method.value,
        "evaluated_at": result.evaluated_at,
        "assessor": result.assessor,
        "evidence": result.evidence,
    }


class SqlResultRepository(SqlRepository):
    async def add(self, result: AssessmentResult) -> AssessmentResult:
        """Store ``result`` unless a result with its natural key is recorded (a client
        sending it again after a lost answer); return the one recorded."""
        postgresql = on_postgresql(self._session)
        inserted = await fetch_rows(
            self._session, insert_new(postgresql), result_values(result), reused=True
        )
        if inserted:
            return result
        recorded = await self.recorded_as(result)
        assert recorded is not None  # its key is taken
        return recorded

    async def recorded_as(self, result: AssessmentResult) -> AssessmentResult | None:
        recorded = (
            await self._session.exec(
                select(AssessmentResultRow).where(
                    AssessmentResultRow.nip == result.nip,
                    AssessmentResultRow.competency_code == result.competency_code,
                    AssessmentResultRow.method == result.method.value,
                    AssessmentResultRow.evaluated_at == result.evaluated_at,
                )
            )
        ).one_or_none()
        return None if recorded is None else _result_of(recorded)

    async def add_many(self, results: list[AssessmentResult]) -> list[AssessmentResult]:
        """Insert what is new; a result with the same natural key is left alone."""
        if not results:
            return []
        if not on_postgresql(self._session):
            statement = (
                sqlite_insert(AssessmentResultRow)
                .on_conflict_do_nothing(index_elements=NATURAL_KEY)
                .returning(col(AssessmentResultRow.id))
            )
            rows = await self._session.exec(statement, params=[result_values(r) for r in results])
            inserted = set(rows.scalars().all())
        else:
            inserted = await self._copy_new(results)
        return [r for r in results if r.id in inserted]

    async def _copy_new(self, results: list[AssessmentResult]) -> set[str]:
        """PostgreSQL: COPY straight into the table when every row is new (a first import:
        as fast as COPY gets); when one is not, COPY into a staging table and keep the
        rows whose key is new."""
        raw = await driver_connection(self._session)
        records = list(map(_RECORD, results))
        try:
            async with raw.transaction():  # a savepoint: a duplicate undoes only this COPY
                await raw.copy_records_to_table(
                    "assessment_result", records=records, columns=list(RESULT_COLUMNS)
                )
            return {r.id for r in results}
        except UniqueViolationError:
            pass
        await raw.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {STAGING} (LIKE assessment_result) "
            "ON COMMIT DELETE ROWS"
        )
        await raw.copy_records_to_table(STAGING, records=records, columns=list(RESULT_COLUMNS))
        rows = await raw.fetch(
            f"INSERT INTO assessment_result ({', '.join(RESULT_COLUMNS)}) "
            f"SELECT {', '.join(RESULT_COLUMNS)} FROM {STAGING} "
            f"ON CONFLICT ({', '.join(NATURAL_KEY)}) DO NOTHING RETURNING id"
        )
        await raw.execute(f"TRUNCATE {STAGING}")
        return {row["id"] for row in rows}

    async def list_for(self, nip: str) -> list[AssessmentResult]:
        rows = await self._session.exec(
            select(AssessmentResultRow)
            .where(AssessmentResultRow.nip == nip)
            .order_by(col(AssessmentResultRow.evaluated_at).desc())
        )
        return [_result_of(row) for row in rows]

    async def of_employees(self, nips: Iterable[str]) -> list[AssessmentResult]:
        wanted = list(set(nips))
        if not wanted:
            return []
        rows = await self._session.exec(
            select(AssessmentResultRow).where(col(AssessmentResultRow.nip).in_(wanted))
        )
        return [_result_of(row) for row in rows]


def _result_of(row: AssessmentResultRow) -> AssessmentResult:
    return AssessmentResult(
        id=row.id,
        nip=row.nip,
        competency_code=row.competency_code,
        level=row.level,
        method=AssessmentMethod(row.method),
        evaluated_at=row.evaluated_at,
        assessor=row.assessor,
        evidence=row.evidence,
    )


@lru_cache(maxsize=2)
def insert_new(postgresql: bool) -> Any:
    """Built once per dialect (one recorded per request: building the statement from
    the values each time cost more than running it)."""
    insert = pg_insert if postgresql else sqlite_insert
    return (
        insert(AssessmentResultRow)
        .values({name: bindparam(name) for name in RESULT_COLUMNS})
        .on_conflict_do_nothing(index_elements=NATURAL_KEY)
        .returning(col(AssessmentResultRow.id))
    )
