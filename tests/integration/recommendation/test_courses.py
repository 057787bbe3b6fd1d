"""The published courses that develop given competencies, on real PostgreSQL: read per
competency as a transaction asks, each course whole, and never an unpublished one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from bangkom.kernel.proposals import Course, CourseStep
from bangkom.platform.service import Service

pytestmark = [pytest.mark.postgres]
AT = datetime(2026, 3, 2, tzinfo=UTC)


def _course(code: str, *competencies: str, published: bool = True) -> Course:
    return Course(
        code=code,
        title=f"Course {code}",
        steps=tuple(CourseStep(c, 1, 3) for c in competencies),
        jp=8,
        mode="classical",
        cost=100,
        published=published,
        provider="BPSDM",
        prerequisites=("BASIC",),
    )


PUBLIC_SERVICE = _course("C-PS", "M.01")
TWO_SKILLS = _course("C-TWO", "M.01", "T.02")
DRAFT = _course("C-DRAFT", "M.01", published=False)
OTHER = _course("C-OTHER", "M.05")


async def test_courses_developing_competencies_are_the_published_ones_each_once(
    service: Service,
) -> None:
    async with service.uow_factory() as uow:
        typed: Any = uow
        for course in (PUBLIC_SERVICE, TWO_SKILLS, DRAFT, OTHER):
            await typed.courses.save(course, AT)
        await uow.commit()

    async with service.uow_factory() as uow:
        typed = uow
        first = await typed.courses.developing(["M.01"])
        both = await typed.courses.developing(["T.02", "M.01"])
        none = await typed.courses.developing(["X.99"])
        nothing_asked = await typed.courses.developing([])

    assert sorted(first, key=lambda c: c.code) == [PUBLIC_SERVICE, TWO_SKILLS]
    assert sorted(c.code for c in both) == ["C-PS", "C-TWO"]
    assert none == []
    assert nothing_asked == []


async def test_a_course_saved_in_the_transaction_is_seen_by_the_next_question(
    service: Service,
) -> None:
    async with service.uow_factory() as uow:
        typed: Any = uow
        await typed.courses.save(PUBLIC_SERVICE, AT)
        assert await typed.courses.developing(["M.01"]) == [PUBLIC_SERVICE]

        await typed.courses.save(replace(PUBLIC_SERVICE, published=False), AT)
        await typed.courses.save(OTHER, AT)

        assert await typed.courses.developing(["M.01"]) == []
        assert await typed.courses.developing(["M.05"]) == [OTHER]


async def test_courses_by_code_are_whole_published_or_not_and_unknown_ones_absent(
    service: Service,
) -> None:
    async with service.uow_factory() as uow:
        typed: Any = uow
        for course in (PUBLIC_SERVICE, TWO_SKILLS, DRAFT):
            await typed.courses.save(course, AT)
        await uow.commit()

    async with service.uow_factory() as uow:
        typed = uow
        found = await typed.courses.by_codes(["C-DRAFT", "C-TWO", "C-NONE", "C-TWO"])
        nothing_asked = await typed.courses.by_codes([])

    assert found == {"C-DRAFT": DRAFT, "C-TWO": TWO_SKILLS}
    assert nothing_asked == {}
