"""Repositories: domain objects in, domain objects out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from operator import attrgetter
from typing import Any, TypeVar

from asyncpg.exceptions import UniqueViolationError
from sqlalchemy import insert, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.evaluation.adapters.codec import (
    competency_of,
    framework_document,
    framework_of,
)
from bangkom.evaluation.adapters.tables import (
    AgencyRow,
    AssessmentResultRow,
    EmployeeRow,
    FrameworkRow,
    ImportErrorRow,
    ImportJobRow,
    PositionRow,
    TechnicalCompetencyRow,
    TrainingEvaluationRow,
)
from bangkom.evaluation.domain.agency import Agency, AgencyKind
from bangkom.evaluation.domain.framework import Competency, Framework, PositionType
from bangkom.evaluation.domain.import_job import ImportJob
from bangkom.evaluation.domain.imports import ImportKind, ImportStatus, RowError
from bangkom.evaluation.domain.model import (
    AssessmentMethod,
    AssessmentResult,
    Employee,
    Position,
)
from bangkom.evaluation.domain.training_evaluation import (
    OVERDUE_AFTER,
    EvaluationStatus,
    KirkpatrickLevel,
    LevelRecord,
    TrainingEvaluation,
)
from bangkom.kernel.nip import EmploymentType
from bangkom.platform.db.bulk import driver_connection
from bangkom.platform.db.lists import LISTED, listed, on_postgresql
from bangkom.platform.db.scope import within_agencies

Scope = frozenset[str] | None
T = TypeVar("T")


class _Repository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        # Rows read in this transaction, kept: the session's identity map holds them
        # only weakly, and an import asks for the same agency thousands of times.
        self._kept: dict[tuple[type, object], object] = {}

    async def _get(self, table: type[T], key: object) -> T | None:
        row = await self._session.get(table, key)
        if row is not None:
            self._kept[table, key] = row
        return row


def _agency(row: AgencyRow) -> Agency:
    return Agency(
        code=row.code,
        name=row.name,
        kind=AgencyKind(row.kind),
        parent_code=row.parent_code,
        active=row.active,
        changed_at=row.changed_at,
    )


class SqlAgencyRepository(_Repository):
    async def get(self, code: str) -> Agency | None:
        row = await self._get(AgencyRow, code)
        return _agency(row) if row else None

    async def save(self, agency: Agency) -> None:
        await self._session.merge(AgencyRow(**{**agency.__dict__, "kind": agency.kind.value}))

    async def list(
        self, *, scope: Scope, parent_code: str | None, limit: int, offset: int
    ) -> list[Agency]:
        query = select(AgencyRow).where(within_agencies(AgencyRow.code, scope))
        if parent_code is not None:
            query = query.where(AgencyRow.parent_code == parent_code)
        query = query.order_by(col(AgencyRow.code)).limit(limit).offset(offset)
        return [_agency(row) for row in await self._session.exec(query)]


class SqlFrameworkRepository(_Repository):
    async def current(self) -> Framework | None:
        row = (
            await self._session.exec(
                select(FrameworkRow).order_by(col(FrameworkRow.version).desc()).limit(1)
            )
        ).first()
        return framework_of(row.document, row.published_at) if row else None

    async def get(self, version: int) -> Framework | None:
        row = await self._get(FrameworkRow, version)
        return framework_of(row.document, row.published_at) if row else None

    async def versions(self) -> list[tuple[int, datetime]]:
        rows = await self._session.exec(
            select(FrameworkRow.version, FrameworkRow.published_at).order_by(
                col(FrameworkRow.version)
            )
        )
        return [(version, published_at) for version, published_at in rows]

    async def add(self, framework: Framework) -> None:
        self._session.add(
            FrameworkRow(
                version=framework.version,
                document=framework_document(framework),
                published_at=framework.published_at,
            )
        )


def _technical(row: TechnicalCompetencyRow) -> tuple[Competency, int]:
    competency = competency_of(
        {
            "code": row.code,
            "name": row.name,
            "group": "teknis",
            "description": row.description,
            "levels": row.levels,
            "agency_code": row.agency_code,
        }
    )
    return competency, row.version


class SqlTechnicalCompetencyRepository(_Repository):
    async def get(self, code: str) -> tuple[Competency, int] | None:
        row = await self._get(TechnicalCompetencyRow, code)
        return _technical(row) if row else None

    async def save(self, competency: Competency, version: int, changed_at: datetime) -> None:
        await self._session.merge(
            TechnicalCompetencyRow(
                code=competency.code,
                agency_code=competency.agency_code or "",
                name=competency.name,
                description=competency.description,
                levels={str(k): v for k, v in competency.levels.items()},
                version=version,
                changed_at=changed_at,
            )
        )

    async def list(self, *, scope: Scope) -> list[tuple[Competency, int]]:
        rows = await self._session.exec(
            select(TechnicalCompetencyRow)
            .where(within_agencies(TechnicalCompetencyRow.agency_code, scope))
            .order_by(col(TechnicalCompetencyRow.code))
        )
        return [_technical(row) for row in rows]


def _position(row: PositionRow) -> Position:
    return Position(
        code=row.code,
        name=row.name,
        agency_code=row.agency_code,
        position_type=PositionType(row.position_type),
        overrides=dict(row.overrides),
        technical=dict(row.technical),
        standard=dict(row.standard),
        standard_version=row.standard_version,
        framework_version=row.framework_version,
    )


class SqlPositionRepository(_Repository):
    async def get(self, code: str) -> Position | None:
        row = await self._get(PositionRow, code)
        return _position(row) if row else None

    async def save(self, position: Position) -> None:
        await self._session.merge(
            PositionRow(**{**position.__dict__, "position_type": position.position_type.value})
        )

    async def of_types(self, types: Iterable[PositionType]) -> list[Position]:
        wanted = [t.value for t in types]
        if not wanted:
            return []
        rows = await self._session.exec(
            select(PositionRow).where(col(PositionRow.position_type).in_(wanted))
        )
        return [_position(row) for row in rows]

    async def list(self, *, scope: Scope, limit: int, offset: int) -> list[Position]:
        rows = await self._session.exec(
            select(PositionRow)
            .where(within_agencies(PositionRow.agency_code, scope))
            .order_by(col(PositionRow.code))
            .limit(limit)
            .offset(offset)
        )
        return [_position(row) for row in rows]


def _employee(row: EmployeeRow) -> Employee:
    return Employee(
        nip=row.nip,
        name=row.name,
        employment_type=EmploymentType(row.employment_type),
        agency_code=row.agency_code,
        position_code=row.position_code,
        active=row.active,
        changed_at=row.changed_at,
        supervisor_nip=row.supervisor_nip,
    )


class SqlEmployeeRepository(_Repository):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self._absent: set[str] = set()  # looked up at once and not there

    async def prefetch(self, nips: Iterable[str]) -> None:
        wanted = set(nips)
        if not wanted:
            return
        rows = await self._session.exec(select(EmployeeRow).where(col(EmployeeRow.nip).in_(wanted)))
        found = {row.nip: row for row in rows}
        self._kept.update(((EmployeeRow, nip), row) for nip, row in found.items())
        self._absent |= wanted - found.keys()

    async def get(self, nip: str) -> Employee | None:
        if nip in self._absent:
            return None
        row = await self._get(EmployeeRow, nip)
        return _employee(row) if row else None

    async def save(self, employee: Employee) -> None:
        values = {**employee.__dict__, "employment_type": employee.employment_type.value}
        row = EmployeeRow(**values)
        if employee.nip in self._absent:
            self._absent.discard(employee.nip)
            self._kept[EmployeeRow, employee.nip] = row
            self._session.add(row)  # known to be new: no lookup before the insert
        else:
            await self._session.merge(row)

    async def agencies_of(self, nips: Iterable[str]) -> dict[str, str]:
        wanted = list(set(nips))
        if not wanted:
            return {}
        rows = await self._session.exec(
            _agencies_of(on_postgresql(self._session)), params={LISTED: wanted}
        )
        return {nip: agency for nip, agency in rows}

    async def list(
        self, *, scope: Scope, active: bool | None, limit: int, offset: int
    ) -> list[Employee]:
        query = select(EmployeeRow).where(within_agencies(EmployeeRow.agency_code, scope))
        if active is not None:
            query = query.where(EmployeeRow.active == active)
        query = query.order_by(col(EmployeeRow.nip)).limit(limit).offset(offset)
        return [_employee(row) for row in await self._session.exec(query)]


@lru_cache(maxsize=2)
def _agencies_of(postgresql: bool) -> Any:
    """Built once per dialect (see bangkom.platform.db.lists): every request asks it."""
    return select(EmployeeRow.nip, EmployeeRow.agency_code).where(
        listed(col(EmployeeRow.nip), postgresql)
    )


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


def _result_values(result: AssessmentResult) -> dict[str, Any]:
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


class SqlResultRepository(_Repository):
    async def add(self, result: AssessmentResult) -> None:
        self._session.add(AssessmentResultRow(**_result_values(result)))

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
            rows = await self._session.exec(statement, params=[_result_values(r) for r in results])
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
        return [
            AssessmentResult(
                id=row.id,
                nip=row.nip,
                competency_code=row.competency_code,
                level=row.level,
                method=AssessmentMethod(row.method),
                evaluated_at=row.evaluated_at,
                assessor=row.assessor,
                evidence=row.evidence,
            )
            for row in rows
        ]


class SqlImportJobRepository(_Repository):
    async def add(self, job: ImportJob) -> None:
        self._session.add(ImportJobRow(**{**job.__dict__}))

    async def get(self, job_id: str) -> ImportJob | None:
        row = await self._session.get(ImportJobRow, job_id)
        if row is None:
            return None
        return ImportJob(
            **{
                **row.model_dump(),
                "kind": ImportKind(row.kind),
                "status": ImportStatus(row.status),
            }
        )

    async def save(self, job: ImportJob) -> None:
        await self._session.merge(ImportJobRow(**{**job.__dict__}))

    async def add_errors(self, job_id: str, errors: list[RowError]) -> None:
        if errors:
            await self._session.exec(
                insert(ImportErrorRow),
                params=[
                    {"job_id": job_id, "row": e.row, "column": e.column, "reason": e.reason}
                    for e in errors
                ],
            )

    async def errors(self, job_id: str, *, limit: int, offset: int) -> list[RowError]:
        rows = await self._session.exec(
            select(ImportErrorRow)
            .where(ImportErrorRow.job_id == job_id)
            .order_by(col(ImportErrorRow.row))
            .limit(limit)
            .offset(offset)
        )
        return [RowError(row.row, row.column, row.reason) for row in rows]

    async def interrupt_running(self) -> int:
        result = await self._session.exec(
            update(ImportJobRow)
            .where(col(ImportJobRow.status).in_([ImportStatus.QUEUED, ImportStatus.RUNNING]))
            .values(status=ImportStatus.INTERRUPTED.value)
        )
        return int(result.rowcount or 0)


def _record_document(record: LevelRecord) -> dict[str, Any]:
    return {
        "recorded_at": record.recorded_at.isoformat(),
        "score": record.score,
        "pre_score": record.pre_score,
        "competency_levels": record.competency_levels,
        "note": record.note,
    }


def _training_evaluation(row: TrainingEvaluationRow) -> TrainingEvaluation:
    return TrainingEvaluation(
        id=row.id,
        completion_id=row.completion_id,
        nip=row.nip,
        agency_code=row.agency_code,
        course_code=row.course_code,
        competencies=list(row.competencies),
        completed_at=row.completed_at,
        due_at=row.due_at,
        records={
            KirkpatrickLevel(int(level)): LevelRecord(
                level=KirkpatrickLevel(int(level)),
                recorded_at=datetime.fromisoformat(doc["recorded_at"]),
                score=doc["score"],
                pre_score=doc["pre_score"],
                competency_levels=dict(doc["competency_levels"]),
                note=doc["note"],
            )
            for level, doc in row.records.items()
        },
    )


class SqlTrainingEvaluationRepository(_Repository):
    async def get(self, evaluation_id: str) -> TrainingEvaluation | None:
        row = await self._session.get(TrainingEvaluationRow, evaluation_id)
        return _training_evaluation(row) if row else None

    async def of_completion(self, completion_id: str) -> TrainingEvaluation | None:
        row = (
            await self._session.exec(
                select(TrainingEvaluationRow).where(
                    TrainingEvaluationRow.completion_id == completion_id
                )
            )
        ).first()
        return _training_evaluation(row) if row else None

    async def save(self, evaluation: TrainingEvaluation) -> None:
        behaviour = evaluation.records.get(KirkpatrickLevel.BEHAVIOUR)
        await self._session.merge(
            TrainingEvaluationRow(
                id=evaluation.id,
                completion_id=evaluation.completion_id,
                nip=evaluation.nip,
                agency_code=evaluation.agency_code,
                course_code=evaluation.course_code,
                competencies=evaluation.competencies,
                completed_at=evaluation.completed_at,
                due_at=evaluation.due_at,
                behaviour_recorded_at=behaviour.recorded_at if behaviour else None,
                records={
                    str(int(level)): _record_document(record)
                    for level, record in evaluation.records.items()
                },
            )
        )

    async def list(
        self,
        *,
        scope: Scope,
        status: EvaluationStatus | None,
        now: datetime,
        limit: int,
        offset: int,
    ) -> list[TrainingEvaluation]:
        row = TrainingEvaluationRow
        open_ = col(row.behaviour_recorded_at).is_(None)
        due_at = col(row.due_at)
        conditions = {
            EvaluationStatus.COMPLETED: col(row.behaviour_recorded_at).is_not(None),
            EvaluationStatus.UPCOMING: open_ & (due_at > now),
            EvaluationStatus.DUE: open_ & (due_at <= now) & (due_at > now - OVERDUE_AFTER),
            EvaluationStatus.OVERDUE: open_ & (due_at <= now - OVERDUE_AFTER),
        }
        query = select(row).where(within_agencies(row.agency_code, scope))
        if status is not None:
            query = query.where(conditions[status])
        query = query.order_by(due_at, col(row.id)).limit(limit).offset(offset)
        return [_training_evaluation(r) for r in await self._session.exec(query)]
