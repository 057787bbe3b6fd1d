"""Read-model records (what the other services told us) and this service's proposals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bangkom.kernel.business_time import supersedes_state
from bangkom.kernel.gaps import Requirement


@dataclass(frozen=True)
class Placement:
    """An employee's agency, position and supervisor, as last published by the roster."""

    nip: str
    agency_code: str
    position_code: str
    active: bool
    changed_at: datetime
    supervisor_nip: str | None = None
    employment_type: str = "PNS"  # PNS or PPPK: the 20 JP duty is a PNS duty

    def is_older_than(self, changed_at: datetime) -> bool:
        """True when a roster state of ``changed_at`` replaces this one."""
        return supersedes_state(changed_at, self.changed_at)


@dataclass(frozen=True)
class PositionStandard:
    position_code: str
    agency_code: str
    version: int
    requirements: dict[str, Requirement]
    published_at: datetime


@dataclass(frozen=True)
class AgencyNeed:
    """One competency of an agency's latest aggregated training needs."""

    agency_code: str
    competency_code: str
    rank: int
    priority: float
    period: str


@dataclass(frozen=True)
class Completion:
    completion_id: str
    nip: str
    course_code: str | None
    outcome: str
    jp: int
    completed_at: datetime

    @property
    def counts(self) -> bool:
        """Attended or passed: the course is done (and its JP credited)."""
        return self.outcome != "failed"
