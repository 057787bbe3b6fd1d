"""Gap = required level - current level, per competency of the position's standard.

A competency never assessed is *unknown* (it needs an assessment), never a zero gap.
Recommendation measures against the position held, career against a target position.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class GapStatus(StrEnum):
    OPEN = "open"
    MET = "met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Requirement:
    competency_code: str
    competency_name: str
    required_level: int


@dataclass(frozen=True)
class Gap:
    competency_code: str
    competency_name: str
    required_level: int
    current_level: int | None
    # Derived once, at construction: asked for again and again while proposing and storing.
    size: int | None = field(init=False, compare=False)
    status: GapStatus = field(init=False, compare=False)

    def __post_init__(self) -> None:
        current, required = self.current_level, self.required_level
        if current is None:
            size, status = None, GapStatus.UNKNOWN
        else:
            size = max(required - current, 0)
            status = GapStatus.OPEN if current < required else GapStatus.MET
        object.__setattr__(self, "size", size)
        object.__setattr__(self, "status", status)


def calculate_gaps(
    standard: Mapping[str, Requirement], current_levels: Mapping[str, int]
) -> list[Gap]:
    return [
        Gap(
            competency_code=code,
            competency_name=requirement.competency_name,
            required_level=requirement.required_level,
            current_level=current_levels.get(code),
        )
        for code, requirement in sorted(standard.items())
    ]
