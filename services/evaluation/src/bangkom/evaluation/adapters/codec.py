"""Framework versions and competencies to and from their stored JSON documents."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bangkom.evaluation.domain.framework import (
    Competency,
    CompetencyGroup,
    Framework,
    PositionType,
)


def competency_document(competency: Competency) -> dict[str, Any]:
    return {
        "code": competency.code,
        "name": competency.name,
        "group": competency.group.value,
        "description": competency.description,
        "levels": {str(level): text for level, text in sorted(competency.levels.items())},
        "agency_code": competency.agency_code,
    }


def competency_of(document: dict[str, Any]) -> Competency:
    return Competency(
        code=document["code"],
        name=document["name"],
        group=CompetencyGroup(document["group"]),
        description=document["description"],
        levels={int(level): text for level, text in document["levels"].items()},
        agency_code=document.get("agency_code"),
        related=tuple(document.get("related", ())),
    )


def framework_document(framework: Framework) -> dict[str, Any]:
    return {
        "version": framework.version,
        "note": framework.note,
        "competencies": [competency_document(c) for _, c in sorted(framework.competencies.items())],
        "defaults": {
            t.value: dict(sorted(levels.items()))
            for t, levels in sorted(framework.defaults.items())
        },
    }


def framework_of(
    document: dict[str, Any], published_at: datetime, *, public: bool = False
) -> Framework:
    return Framework(
        version=document["version"],
        competencies={c["code"]: competency_of(c) for c in document["competencies"]},
        defaults={PositionType(t): dict(levels) for t, levels in document["defaults"].items()},
        published_at=published_at,
        note=document.get("note"),
        public=public,
    )
