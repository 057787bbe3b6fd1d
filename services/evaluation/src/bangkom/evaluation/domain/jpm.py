"""Job-person match (JPM): how far a person's levels meet their position's standard.

JPM = sum(min(current, required)) / sum(required) x 100 over the standard's
competencies; a competency never assessed counts 0 (and is reported as not
assessed). Categories follow the usual talent-mapping bands: optimal from 90 %,
cukup optimal from 78 %, kurang optimal below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class JpmCategory(StrEnum):
    OPTIMAL = "optimal"
    CUKUP_OPTIMAL = "cukup_optimal"
    KURANG_OPTIMAL = "kurang_optimal"


@dataclass(frozen=True)
class JobPersonMatch:
    percent: float
    assessed: int
    required: int
    category: JpmCategory


def job_person_match(
    standard: Mapping[str, int], current_levels: Mapping[str, int]
) -> JobPersonMatch | None:
    """None when the position has no standard to match against."""
    total = sum(standard.values())
    if not total:
        return None
    met = sum(min(current_levels.get(code, 0), level) for code, level in standard.items())
    percent = round(100.0 * met / total, 1)
    if percent >= 90:
        category = JpmCategory.OPTIMAL
    elif percent >= 78:
        category = JpmCategory.CUKUP_OPTIMAL
    else:
        category = JpmCategory.KURANG_OPTIMAL
    return JobPersonMatch(
        percent=percent,
        assessed=sum(1 for code in standard if code in current_levels),
        required=len(standard),
        category=category,
    )
