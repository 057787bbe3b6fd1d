"""Framework versions and technical competencies; a new version re-derives the
standards of the position types it changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from bangkom.evaluation.domain.competency import InvalidCompetency
from bangkom.evaluation.domain.framework import (
    Competency,
    CompetencyGroup,
    Framework,
    InvalidFramework,
    PositionType,
)
from bangkom.evaluation.domain.model import Position
from bangkom.evaluation.handlers import commands
from bangkom.evaluation.handlers.access import require_admin, require_manager
from bangkom.evaluation.handlers.lookups import active_agency, current_framework
from bangkom.evaluation.handlers.on_commands.positions import publish_standard
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.evaluation.handlers.publishing import framework_published, technical_updated
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import Conflict, InvalidInput, NotFound


async def seed_framework(
    cmd: commands.SeedFramework, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> Framework | None:
    """Version 1 from configuration data; nothing when a version exists already."""
    if await uow.frameworks.current() is not None:
        return None
    framework = _framework(1, cmd.competencies, cmd.defaults, clock(), "versi awal")
    await uow.frameworks.add(framework)
    uow.publish(framework_published(framework))
    return framework


async def publish_framework(
    cmd: commands.PublishFramework, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> Framework:
    framework, _ = await _publish(cmd, uow, clock)
    uow.audit(
        "publish_framework",
        "framework_version",
        str(framework.version),
        after={"version": framework.version, "note": framework.note, "public": framework.public},
    )
    return framework


@dataclass(frozen=True)
class FrameworkImpact:
    """What publishing would do: the version it would be, and the positions whose
    standard would change with the employees on them (whose gaps are recalculated)."""

    version: int
    positions: list[tuple[Position, int]]  # (position, its active employees)

    @property
    def employees(self) -> int:
        return sum(count for _, count in self.positions)


async def preview_framework(
    cmd: commands.PublishFramework, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> FrameworkImpact:
    """The publication run for real and rolled back: its impact is exactly what
    publishing the same version would do now."""
    framework, changed = await _publish(cmd, uow, clock)
    counts = await uow.employees.count_on_positions(p.code for p in changed)
    await uow.rollback()
    return FrameworkImpact(framework.version, [(p, counts.get(p.code, 0)) for p in changed])


async def _publish(
    cmd: commands.PublishFramework, uow: EvaluationUnitOfWork, clock: Clock
) -> tuple[Framework, list[Position]]:
    require_admin(cmd.caller, "publishes the competency framework")
    older = await current_framework(uow)
    competencies = {c.code: c for c in cmd.competencies} if cmd.competencies is not None else None
    if competencies is not None and len(competencies) != len(cmd.competencies or []):
        raise InvalidInput("a competency code appears twice")
    try:
        newer = older.next_version(
            published_at=clock(),
            competencies=competencies,
            defaults=cmd.defaults,
            note=cmd.note,
            public=cmd.public,
        )
    except (InvalidFramework, InvalidCompetency) as exc:
        raise InvalidInput(str(exc)) from exc
    await uow.frameworks.add(newer)
    uow.publish(framework_published(newer))
    return newer, await _restandardise(uow, newer, older, newer.published_at)


async def mark_framework_public(
    cmd: commands.MarkFrameworkPublic, uow: EvaluationUnitOfWork
) -> Framework:
    require_admin(cmd.caller, "makes a framework version public")
    framework = await uow.frameworks.get(cmd.version)
    if framework is None:
        raise NotFound(f"framework version {cmd.version} not found")
    if framework.public != cmd.public:
        await uow.frameworks.mark_public(cmd.version, cmd.public)
        uow.audit(
            "mark_framework_public",
            "framework_version",
            str(cmd.version),
            before={"public": framework.public},
            after={"public": cmd.public},
        )
    return replace(framework, public=cmd.public)


async def _restandardise(
    uow: EvaluationUnitOfWork, newer: Framework, older: Framework, now: datetime
) -> list[Position]:
    """Only the positions whose type defaults changed get a new standard version
    (those returned)."""
    return [
        position
        for position in await uow.positions.of_types(newer.types_changed_since(older))
        if await publish_standard(uow, position, newer, now)
    ]


async def define_technical_competency(
    cmd: commands.DefineTechnicalCompetency, uow: EvaluationUnitOfWork, clock: Clock = utc_now
) -> tuple[Competency, int]:
    competency = cmd.competency
    if competency.group is not CompetencyGroup.TEKNIS or competency.agency_code is None:
        raise InvalidInput("only technical competencies are defined per agency")
    require_manager(cmd.caller, competency.agency_code)
    await active_agency(uow, competency.agency_code)
    framework = await current_framework(uow)
    unknown = [code for code in competency.related if code not in framework.competencies]
    if unknown:
        raise InvalidInput(
            f"related competencies not in the framework: {', '.join(unknown)}", field="related"
        )
    existing = await uow.technical.get(competency.code)
    if existing is not None:
        if existing[0].agency_code != competency.agency_code:
            raise Conflict(f"{competency.code} belongs to agency {existing[0].agency_code}")
        if existing[0] == competency:
            return existing
    version = existing[1] + 1 if existing else 1
    now = clock()
    await uow.technical.save(competency, version, now)
    uow.publish(technical_updated(competency, version, now))
    return competency, version


def _framework(
    version: int,
    competencies: list[Competency],
    defaults: Mapping[PositionType, Mapping[str, int]],
    published_at: datetime,
    note: str,
) -> Framework:
    try:
        return Framework(
            version=version,
            competencies={c.code: c for c in competencies},
            defaults=defaults,
            published_at=published_at,
            note=note,
        )
    except (InvalidFramework, InvalidCompetency) as exc:
        raise InvalidInput(str(exc)) from exc
