"""Read-model records: where each employee sits, what each position requires, and the
proposals made to close gaps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bangkom.recommendation.domain.gaps import Requirement


@dataclass(frozen=True)
class Placement:
    """An employee's agency and position, as last published by the roster."""

    nip: str
    agency_code: str
    position_code: str
    active: bool
    changed_at: datetime

    def is_older_than(self, changed_at: datetime) -> bool:
        return self.changed_at < changed_at


@dataclass(frozen=True)
class PositionStandard:
    position_code: str
    agency_code: str
    version: int
    requirements: dict[str, Requirement]
    published_at: datetime


class ProposalStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    ENROLLED = "enrolled"
    FULFILLED = "fulfilled"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Proposal:
    id: str
    nip: str
    agency_code: str
    competency_code: str
    course_code: str
    current_level: int
    required_level: int
    score: float
    reasons: tuple[str, ...]
    status: ProposalStatus
    created_at: datetime
