"""Which assessment result is an employee's current level of a competency.

When several results of one competency exist, the current one has the greatest
precedence key (period, method rank, evaluated_at, result id):

1. the later assessment period wins: the calendar year in WIB (an assessment at
   00:30 WIB on 1 January belongs to the new year, though UTC still says 31 December);
2. within one period a measured result (assessment centre, CAT, 360, post-training
   evaluation) outweighs a supervisor's rating, which outweighs a self-assessment, so
   a self-assessment never overrides an assessment centre of the same year;
3. among equals the later ``evaluated_at`` wins (a post-training L3 after this year's
   assessment centre is the current level);
4. then the greater result id, for a total order that every replica and every replay
   agrees on.

The evaluation service applies the rule and publishes each result's period and method
rank with it; recommendation and career compare those (``AssessedLevel``).
Recommendation's analytics run the same order in SQL (a test holds the two to the same
cases).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple, Self

from bangkom.kernel.calendar import year_of


class AssessmentMethod(StrEnum):
    ASSESSMENT_CENTER = "assessment_center"
    CAT = "cat"
    MULTI_RATER = "360"
    SUPERVISOR = "supervisor"
    SELF = "self"
    POST_TRAINING = "post_training"


MEASURED = 3
SUPERVISOR_RATING = 2
SELF_ASSESSMENT = 1
METHOD_RANK: Mapping[AssessmentMethod, int] = MappingProxyType(
    {
        AssessmentMethod.ASSESSMENT_CENTER: MEASURED,
        AssessmentMethod.CAT: MEASURED,
        AssessmentMethod.MULTI_RATER: MEASURED,
        AssessmentMethod.POST_TRAINING: MEASURED,
        AssessmentMethod.SUPERVISOR: SUPERVISOR_RATING,
        AssessmentMethod.SELF: SELF_ASSESSMENT,
    }
)


def period_of(evaluated_at: datetime) -> int:
    """The assessment period of a result: the WIB calendar year it was evaluated in."""
    return year_of(evaluated_at)


class Precedence(NamedTuple):
    """A result's precedence key: the greater key is the current result."""

    period: int
    method_rank: int
    evaluated_at: datetime
    result_id: str


def precedence_of(method: AssessmentMethod, evaluated_at: datetime, result_id: str) -> Precedence:
    """The key of a result from what the assessor recorded."""
    return Precedence(period_of(evaluated_at), METHOD_RANK[method], evaluated_at, result_id)


def supersedes(incoming: Precedence, current: Precedence | None) -> bool:
    """True when the result keyed ``incoming``, not the one keyed ``current`` (None: no
    result yet), is the current level. The same result again changes nothing."""
    return current is None or incoming > current


class Ranked:
    """A result that knows its precedence key; ``supersedes`` follows from it, the same
    way for every service's result type."""

    @property
    def precedence_key(self) -> Precedence:
        raise NotImplementedError

    def supersedes(self, other: Self | None) -> bool:
        """True when this result, not ``other``, is the current level."""
        return supersedes(self.precedence_key, other.precedence_key if other else None)


@dataclass(frozen=True)
class AssessedLevel(Ranked):
    """A current level as the services that consume results hold it (recommendation,
    career): compared by the key evaluation sent with the result, never re-derived."""

    competency_code: str
    level: int
    evaluated_at: datetime
    result_id: str
    period: int
    method_rank: int

    @property
    def precedence_key(self) -> Precedence:
        return Precedence(self.period, self.method_rank, self.evaluated_at, self.result_id)
