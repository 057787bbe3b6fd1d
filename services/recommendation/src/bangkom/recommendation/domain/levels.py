"""Which assessment result is an employee's current level of a competency.

The evaluation service owns the rule and sends its outcome with every result
(period and method rank); here results are only compared: a result supersedes
another when (period, method_rank, evaluated_at, result_id) is greater. Business
time decides, so a late or replayed older result never overwrites a newer one.
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
    period: int
    method_rank: int

    def supersedes(self, other: AssessedLevel | None) -> bool:
        if other is None:
            return True
        return self._precedence() > other._precedence()

    def _precedence(self) -> tuple[int, int, datetime, str]:
        return (self.period, self.method_rank, self.evaluated_at, self.result_id)
