"""Which assessment result is an employee's current level of a competency.

Business time decides: the result assessed last wins, so a late or replayed
older result never overwrites a newer one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class AssessedLevel:
    competency_code: str
    level: int
    evaluated_at: datetime
    result_id: str

    def supersedes(self, other: AssessedLevel | None) -> bool:
        if other is None:
            return True
        # Ties broken by result id so that every replica and every replay agrees.
        return (self.evaluated_at, self.result_id) > (other.evaluated_at, other.result_id)
