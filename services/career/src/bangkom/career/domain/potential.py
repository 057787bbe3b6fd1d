"""Potential (potensi): how far a person's managerial and socio-cultural competencies
already reach the level *above* the one they hold, plus an optional potential-assessment
score. Configurable per agency (``PotentialRule``); the defaults:

1. The target of each managerial (M.01-M.08) and socio-cultural (SK.01) competency of
   the person's own position standard is its required level + ``target_step`` (1),
   at most 5: the standard of the next level (PermenPANRB 38/2017 raises the
   managerial levels by about one per step up the ladder).
2. competency score = JPM of the person's levels against those targets (a competency
   never assessed counts 0), from 0 to 100.
3. With an assessment score (0-100): score = (1 - w) x competency + w x assessment,
   w = ``assessment_weight`` (0.5); without one, the competency score alone; with only
   an assessment (no result of those competencies at all), the assessment alone.
   Neither: potential unknown, and the person is not placed in the nine-box.
4. Class on the score rounded to one decimal: *tinggi* from ``high_from`` (85),
   *menengah* from ``medium_from`` (70), *rendah* below.

A standard change thus moves only the potential of the employees in that position.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from bangkom.kernel.jpm import match
from bangkom.kernel.levels import MAX_LEVEL

POTENTIAL_GROUPS = ("M.", "SK.")


class PotentialClass(StrEnum):
    LOW = "rendah"
    MEDIUM = "menengah"
    HIGH = "tinggi"


class InvalidRule(ValueError):
    """A potential or readiness rule that cannot be applied."""


@dataclass(frozen=True)
class PotentialRule:
    target_step: int = 1
    assessment_weight: float = 0.5
    high_from: float = 85.0
    medium_from: float = 70.0

    def __post_init__(self) -> None:
        if not 0 <= self.target_step <= MAX_LEVEL - 1:
            raise InvalidRule(f"target_step must be 0-{MAX_LEVEL - 1}, not {self.target_step}")
        if not 0.0 <= self.assessment_weight <= 1.0:
            raise InvalidRule(f"assessment_weight must be 0-1, not {self.assessment_weight}")
        if not 0.0 <= self.medium_from <= self.high_from <= 100.0:
            raise InvalidRule(
                f"need 0 <= medium_from ({self.medium_from}) <= high_from ({self.high_from}) <= 100"
            )


DEFAULT_RULE = PotentialRule()


@dataclass(frozen=True)
class Potential:
    score: float
    potential_class: PotentialClass
    competency_score: float | None
    assessment_score: float | None


def targets(standard: Mapping[str, int], rule: PotentialRule) -> dict[str, int]:
    """The managerial and socio-cultural levels of the next level up."""
    return {
        code: min(level + rule.target_step, MAX_LEVEL)
        for code, level in standard.items()
        if code.startswith(POTENTIAL_GROUPS)
    }


def classify(score: float, rule: PotentialRule) -> PotentialClass:
    if score >= rule.high_from:
        return PotentialClass.HIGH
    if score >= rule.medium_from:
        return PotentialClass.MEDIUM
    return PotentialClass.LOW


def potential(
    standard: Mapping[str, int],
    levels: Mapping[str, int],
    assessment: float | None,
    rule: PotentialRule = DEFAULT_RULE,
) -> Potential | None:
    goal = targets(standard, rule)
    found = match(goal, levels)
    assessed_any = found.unknown < len(goal)
    competency = found.jpm if assessed_any else None
    if competency is None and assessment is None:
        return None
    if competency is None:
        assert assessment is not None
        score = assessment
    elif assessment is None:
        score = competency
    else:
        w = rule.assessment_weight
        score = (1 - w) * competency + w * assessment
    score = round(score, 1)
    return Potential(score, classify(score, rule), competency, assessment)
