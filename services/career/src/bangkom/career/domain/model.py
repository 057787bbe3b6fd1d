"""Read models (what the other services told us) and the career service's own records."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from bangkom.kernel.business_time import supersedes_state
from bangkom.kernel.gaps import Requirement


@dataclass(frozen=True)
class Employee:
    """An employee as the roster last published them."""

    nip: str
    name: str
    agency_code: str
    position_code: str
    active: bool
    changed_at: datetime
    in_position_since: datetime
    supervisor_nip: str | None = None

    def is_older_than(self, changed_at: datetime) -> bool:
        return supersedes_state(changed_at, self.changed_at)

    def moved_to(
        self,
        *,
        name: str,
        agency_code: str,
        position_code: str,
        active: bool,
        supervisor_nip: str | None,
        changed_at: datetime,
    ) -> Employee:
        """The next roster state; the time in position restarts with a new position."""
        since = self.in_position_since if position_code == self.position_code else changed_at
        return replace(
            self,
            name=name,
            agency_code=agency_code,
            position_code=position_code,
            active=active,
            supervisor_nip=supervisor_nip,
            changed_at=changed_at,
            in_position_since=since,
        )


@dataclass(frozen=True)
class Position:
    """A position and its current standard (from the evaluation service)."""

    code: str
    name: str
    agency_code: str
    position_type: str | None
    version: int
    requirements: dict[str, Requirement]
    published_at: datetime

    @property
    def standard(self) -> dict[str, int]:
        return {code: r.required_level for code, r in self.requirements.items()}


@dataclass(frozen=True)
class SuccessionPlan:
    """A position marked critical, and its pool's settings."""

    position_code: str
    agency_code: str
    pool_size: int
    minimum_ready: int
    short: bool = False  # the last refresh found too few ready (an alert was raised)


class PlanStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True)
class PlanItem:
    competency_code: str
    competency_name: str
    course_code: str
    course_title: str
    current_level: int
    required_level: int
    jp: int
    score: float
    reasons: tuple[str, ...]
    proposal_id: str | None = None
    proposal_status: str | None = None


class PlanStateError(ValueError):
    """The plan is not in a state that allows the change."""


@dataclass(frozen=True)
class DevelopmentPlan:
    """An individual development plan (IDP) toward a target position."""

    id: str
    nip: str
    agency_code: str
    target_position_code: str
    jp_budget: int
    items: tuple[PlanItem, ...]
    unknown_competencies: tuple[str, ...]  # to be assessed first, no course proposed
    status: PlanStatus
    created_by: str
    created_at: datetime
    decided_by: str | None = None
    decided_at: datetime | None = None
    note: str | None = None

    @property
    def jp(self) -> int:
        return sum(item.jp for item in self.items)

    def decide(self, *, approve: bool, by: str, at: datetime, note: str | None) -> DevelopmentPlan:
        if self.status is not PlanStatus.DRAFT:
            raise PlanStateError(f"plan {self.id} is {self.status}, no longer open")
        if approve and not self.items:
            raise PlanStateError(f"plan {self.id} has no course to approve")
        return replace(
            self,
            status=PlanStatus.APPROVED if approve else PlanStatus.REJECTED,
            decided_by=by,
            decided_at=at,
            note=note,
        )
