"""Gap = required level - current level, per competency of the position's standard.

A competency never assessed is *unknown* (it needs an assessment), never a zero gap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property


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

    @cached_property
    def size(self) -> int | None:
        if self.current_level is None:
            return None
        return max(self.required_level - self.current_level, 0)

    @cached_property  # asked for again and again while proposing and storing
    def status(self) -> GapStatus:
        if self.current_level is None:
            return GapStatus.UNKNOWN
        return GapStatus.OPEN if self.current_level < self.required_level else GapStatus.MET


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
