"""The roster as the evaluation service publishes it: who works where, for whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bangkom.kernel.business_time import supersedes_state


@dataclass(frozen=True)
class Employee:
    nip: str
    name: str
    agency_code: str
    position_code: str
    supervisor_nip: str | None
    active: bool
    changed_at: datetime

    def is_newer_than(self, other: Employee | None) -> bool:
        """Business time decides, so a replayed older state never overwrites a newer one."""
        return supersedes_state(self.changed_at, other.changed_at if other else None)
