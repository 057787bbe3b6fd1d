"""Read models on SQL: the roster, standards, current levels, the catalog and
completions, as the other services published them. Reads are plain column selects
(no ORM objects held, so a write earlier in the transaction is always seen)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.career.adapters.tables import (
    CompletionRow,
    CourseRow,
    EmployeeRow,
    LevelMapRow,
    LevelRow,
    PositionRow,
)
from bangkom.career.domain.model import Employee, Position
from bangkom.kernel.gaps import Requirement
from bangkom.kernel.precedence import AssessedLevel
from bangkom.kernel.proposals import Course, CourseStep
from bangkom.platform.db.bulk import upsert
from bangkom.platform.db.reads import fetch_rows


async def first(session: AsyncSession, statement: Any) -> Any:
    rows = await fetch_rows(session, statement)
    return rows[0] if rows else None


EMPLOYEE: tuple[Any, ...] = (
    col(EmployeeRow.nip),
    col(EmployeeRow.name),
    col(EmployeeRow.agency_code),
    col(EmployeeRow.position_code),
    col(EmployeeRow.active),
    col(EmployeeRow.changed_at),
    col(EmployeeRow.in_position_since),
    col(EmployeeRow.supervisor_nip),
)


class SqlEmployeeStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, nip: str) -> Employee | None:
        row = await first(self._session, select(*EMPLOYEE).where(col(EmployeeRow.nip) == nip))
        return Employee(*row) if row is not None else None

    async def save(self, employee: Employee) -> None:
        await upsert(self._session, EmployeeRow, [vars(employee)], ["nip"])

    async def in_position(self, position_code: str) -> list[str]:
        rows = await fetch_rows(
            self._session,
            select(col(EmployeeRow.nip)).where(
                col(EmployeeRow.position_code) == position_code, col(EmployeeRow.active).is_(True)
            ),
        )
        return [row[0] for row in rows]


class SqlPositionStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, code: str) -> Position | None:
        row = await first(
            self._session,
            select(
                col(PositionRow.code),
                col(PositionRow.name),
                col(PositionRow.agency_code),
                col(PositionRow.position_type),
                col(PositionRow.version),
                col(PositionRow.requirements),
                col(PositionRow.published_at),
            ).where(col(PositionRow.code) == code),
        )
        if row is None:
            return None
        requirements = {
            r["competency_code"]: Requirement(
                r["competency_code"], r["competency_name"], r["required_level"]
            )
            for r in row.requirements
        }
        return Position(
            row.code,
            row.name,
            row.agency_code,
            row.position_type,
            row.version,
            requirements,
            row.published_at,
        )

    async def save(self, position: Position) -> None:
        await upsert(
            self._session,
            PositionRow,
            [
                {
                    "code": position.code,
                    "name": position.name,
                    "agency_code": position.agency_code,
                    "position_type": position.position_type,
                    "version": position.version,
                    "requirements": [
                        {
                            "competency_code": r.competency_code,
                            "competency_name": r.competency_name,
                            "required_level": r.required_level,
                        }
                        for r in position.requirements.values()
                    ],
                    "published_at": position.published_at,
                }
            ],
            ["code"],
        )


LEVEL: tuple[Any, ...] = (
    col(LevelRow.competency_code),
    col(LevelRow.level),
    col(LevelRow.evaluated_at),
    col(LevelRow.result_id),
    col(LevelRow.period),
    col(LevelRow.method_rank),
)


class SqlLevelStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, nip: str, competency_code: str) -> AssessedLevel | None:
        row = await first(
            self._session,
            select(*LEVEL).where(
                col(LevelRow.nip) == nip, col(LevelRow.competency_code) == competency_code
            ),
        )
        return AssessedLevel(*row) if row is not None else None

    async def save(self, nip: str, level: AssessedLevel) -> None:
        await upsert(
            self._session,
            LevelRow,
            [{"nip": nip} | vars(level)],
            ["nip", "competency_code"],
        )
        levels = await self.current(nip) | {level.competency_code: level.level}
        await upsert(self._session, LevelMapRow, [{"nip": nip, "levels": levels}], ["nip"])

    async def current(self, nip: str) -> dict[str, int]:
        row = await first(
            self._session, select(col(LevelMapRow.levels)).where(col(LevelMapRow.nip) == nip)
        )
        return dict(row[0]) if row is not None else {}


class SqlCourseStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def changed_at(self, code: str) -> datetime | None:
        row = await first(
            self._session, select(col(CourseRow.changed_at)).where(col(CourseRow.code) == code)
        )
        return row[0] if row is not None else None

    async def save(self, course: Course, changed_at: datetime) -> None:
        await upsert(
            self._session,
            CourseRow,
            [
                {
                    "code": course.code,
                    "title": course.title,
                    "steps": [
                        {
                            "competency_code": s.competency_code,
                            "level_from": s.level_from,
                            "level_to": s.level_to,
                        }
                        for s in course.steps
                    ],
                    "jp": course.jp,
                    "mode": course.mode,
                    "provider": course.provider,
                    "cost": course.cost,
                    "published": course.published,
                    "prerequisites": list(course.prerequisites),
                    "changed_at": changed_at,
                }
            ],
            ["code"],
        )

    async def developing(self, competency_codes: Iterable[str]) -> list[Course]:
        """Published courses developing any of the competencies (the catalog is small:
        read whole and filtered here)."""
        wanted = set(competency_codes)
        if not wanted:
            return []
        rows = await fetch_rows(
            self._session,
            select(
                col(CourseRow.code),
                col(CourseRow.title),
                col(CourseRow.steps),
                col(CourseRow.jp),
                col(CourseRow.mode),
                col(CourseRow.cost),
                col(CourseRow.provider),
                col(CourseRow.prerequisites),
            )
            .where(col(CourseRow.published).is_(True))
            .order_by(col(CourseRow.code)),
        )
        courses = []
        for row in rows:
            steps = tuple(
                CourseStep(s["competency_code"], s["level_from"], s["level_to"]) for s in row.steps
            )
            if any(s.competency_code in wanted for s in steps):
                courses.append(
                    Course(
                        code=row.code,
                        title=row.title,
                        steps=steps,
                        jp=row.jp,
                        mode=row.mode,
                        cost=row.cost,
                        published=True,
                        provider=row.provider,
                        prerequisites=tuple(row.prerequisites),
                    )
                )
        return courses


class SqlCompletionStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, nip: str, course_code: str) -> None:
        await upsert(
            self._session,
            CompletionRow,
            [{"nip": nip, "course_code": course_code}],
            ["nip", "course_code"],
            update=False,
        )

    async def of_person(self, nip: str) -> frozenset[str]:
        rows = await fetch_rows(
            self._session,
            select(col(CompletionRow.course_code)).where(col(CompletionRow.nip) == nip),
        )
        return frozenset(row[0] for row in rows)
