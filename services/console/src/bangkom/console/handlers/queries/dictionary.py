"""Kamus dan standar: a version of the competency dictionary with the default
standards per position type, the versions published, the agencies' technical
competencies, and the positions with their standards. Read-only here."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from bangkom.console.handlers.access import require_staff
from bangkom.console.handlers.ports import Apis, Json
from bangkom.console.handlers.queries.parts import part
from bangkom.console.handlers.viewer import Viewer


@dataclass
class DictionaryPage:
    framework: Json
    versions: list[Json] = field(default_factory=list)
    technical: list[Json] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)


async def dictionary(apis: Apis, viewer: Viewer, version: int | None) -> DictionaryPage:
    require_staff(viewer)
    framework, versions, technical = await asyncio.gather(
        apis.framework(version), apis.framework_versions(), apis.technical_competencies()
    )
    return DictionaryPage(framework, versions, technical)


@dataclass
class PositionsPage:
    positions: list[Json] = field(default_factory=list)
    next_offset: int | None = None
    names: dict[str, str] = field(default_factory=dict)  # competency code -> name
    unavailable: list[str] = field(default_factory=list)


async def positions(apis: Apis, viewer: Viewer, offset: int) -> PositionsPage:
    require_staff(viewer)
    page = PositionsPage()
    found, framework = await asyncio.gather(
        part(page, apis.positions(offset)), part(page, apis.framework(None))
    )
    if found:
        page.positions, page.next_offset = found["items"], found["next_offset"]
    if framework:
        page.names = {c["code"]: c["name"] for c in framework["competencies"]}
    return page
