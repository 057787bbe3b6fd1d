"""The framework's version 1, read from configuration data (data/framework-v1.yaml)."""

from __future__ import annotations

from pathlib import Path

import yaml

from bangkom.evaluation.domain.framework import Competency, CompetencyGroup, PositionType
from bangkom.evaluation.handlers.commands import SeedFramework

SEED_FILE = Path(__file__).parents[1] / "data" / "framework-v1.yaml"


def seed_command(path: Path = SEED_FILE) -> SeedFramework:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    competencies = [
        Competency(
            code=c["code"],
            name=c["name"],
            group=CompetencyGroup(c["group"]),
            description=c["description"],
            levels={int(level): text for level, text in c["levels"].items()},
        )
        for c in document["competencies"]
    ]
    codes = [c.code for c in competencies]
    return SeedFramework(
        competencies=competencies,
        defaults={
            PositionType(t): dict.fromkeys(codes, level)
            for t, level in document["position_type_defaults"].items()
        },
    )
