"""Which assessment result is an employee's current level of a competency: compared by
the kernel's precedence key, which the evaluation service sends with every result (a
late or replayed older result never overwrites a newer one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bangkom.kernel import precedence


@dataclass(frozen=True)
class AssessedLevel(precedence.Ranked):
    competency_code: str
    level: int
    evaluated_at: datetime
    result_id: str
    period: int
    method_rank: int

    @property
    def precedence_key(self) -> precedence.Precedence:
        return precedence.Precedence(
            self.period, self.method_rank, self.evaluated_at, self.result_id
        )
