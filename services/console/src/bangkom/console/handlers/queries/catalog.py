"""Katalog dan jadwal: the catalog searched, a course with its sessions and the
enrolments of the person's agencies."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from bangkom.console.domain.catalog import CourseSearch
from bangkom.console.handlers.access import require_staff
from bangkom.console.handlers.ports import Apis, Json
from bangkom.console.handlers.queries.parts import part
from bangkom.console.handlers.viewer import Viewer


async def catalog(apis: Apis, viewer: Viewer, search: CourseSearch, offset: int) -> Json:
    require_staff(viewer)
    return await apis.courses(dict(search.as_query()), offset)


@dataclass
class CoursePage:
    course: Json
    sessions: list[Json] = field(default_factory=list)
    enrolments: list[Json] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)


async def course_page(apis: Apis, viewer: Viewer, code: str) -> CoursePage:
    require_staff(viewer)
    page = CoursePage(await apis.course(code))
    sessions, enrolments = await asyncio.gather(
        part(page, apis.sessions(code)), part(page, apis.enrolments(code))
    )
    page.sessions, page.enrolments = sessions or [], enrolments or []
    return page
