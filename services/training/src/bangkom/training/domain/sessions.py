"""Sessions (angkatan) of a course: when, where, how many seats, and when people may
enrol."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bangkom.kernel.calendar import local_date
from bangkom.training.domain.catalog import LearningMode

MAX_CAPACITY = 10_000


class SessionStatus(StrEnum):
    PLANNED = "planned"
    OPEN = "open"
    CLOSED = "closed"
    RUNNING = "running"
    FINISHED = "finished"
    CANCELLED = "cancelled"


S = SessionStatus
# A session is planned, opened for enrolment, closed, run and finished; it can be
# cancelled until it finishes, and reopened after closing (a window extended).
# Finished and cancelled sessions are history and do not change any more.
NEXT_STATUSES: dict[SessionStatus, frozenset[SessionStatus]] = {
    S.PLANNED: frozenset({S.PLANNED, S.OPEN, S.CANCELLED}),
    S.OPEN: frozenset({S.OPEN, S.CLOSED, S.RUNNING, S.CANCELLED}),
    S.CLOSED: frozenset({S.CLOSED, S.OPEN, S.RUNNING, S.CANCELLED}),
    S.RUNNING: frozenset({S.RUNNING, S.FINISHED, S.CANCELLED}),
    S.FINISHED: frozenset(),
    S.CANCELLED: frozenset(),
}
# Until the session runs, a freed seat goes to the first person on the waitlist.
FILLS_FROM_WAITLIST = frozenset({S.PLANNED, S.OPEN, S.CLOSED})


class InvalidSession(ValueError):
    """A session that cannot be held as described; the message names the field."""


@dataclass(frozen=True)
class Session:
    code: str
    course_code: str
    batch: int
    starts_on: date
    ends_on: date
    capacity: int
    enrolment_opens_at: datetime
    enrolment_closes_at: datetime
    status: SessionStatus
    changed_at: datetime
    location: str | None = None
    online_url: str | None = None

    def __post_init__(self) -> None:
        if self.batch < 1:
            raise InvalidSession(f"batch must be at least 1, got {self.batch}")
        if not 1 <= self.capacity <= MAX_CAPACITY:
            raise InvalidSession(f"capacity must be within 1-{MAX_CAPACITY}, got {self.capacity}")
        if self.ends_on < self.starts_on:
            raise InvalidSession(f"ends_on {self.ends_on} is before starts_on {self.starts_on}")
        if self.enrolment_closes_at <= self.enrolment_opens_at:
            raise InvalidSession(
                f"enrolment_closes_at {self.enrolment_closes_at.isoformat()} must be after "
                f"enrolment_opens_at {self.enrolment_opens_at.isoformat()}"
            )
        if local_date(self.enrolment_closes_at) > self.starts_on:
            raise InvalidSession(
                f"enrolment_closes_at {self.enrolment_closes_at.isoformat()} is after the "
                f"first day of the session ({self.starts_on})"
            )

    def check_venue(self, mode: LearningMode) -> None:
        """Classroom training needs a place, e-learning a link, anything else one of them."""
        if mode is LearningMode.KLASIKAL and not self.location:
            raise InvalidSession(f"location is required for a klasikal session ({self.code})")
        if mode is LearningMode.E_LEARNING and not self.online_url:
            raise InvalidSession(f"online_url is required for an e-learning session ({self.code})")
        if not (self.location or self.online_url):
            raise InvalidSession(f"session {self.code} needs a location or an online_url")

    def may_become(self, status: SessionStatus) -> bool:
        return status in NEXT_STATUSES[self.status]

    def refuses_becoming(self, status: SessionStatus) -> str:
        if not NEXT_STATUSES[self.status]:
            return f"session {self.code} is {self.status} and no longer changes"
        allowed = ", ".join(sorted(NEXT_STATUSES[self.status]))
        return f"session {self.code} is {self.status}; it can become {allowed}, not {status}"

    def refuses_enrolment(self, now: datetime) -> str | None:
        """Why the session takes no enrolment at ``now``; None when it does."""
        if self.status is not SessionStatus.OPEN:
            return f"session {self.code} is {self.status}, not open for enrolment"
        if now < self.enrolment_opens_at:
            return (
                f"enrolment for session {self.code} opens at {self.enrolment_opens_at.isoformat()}"
            )
        if now >= self.enrolment_closes_at:
            return (
                f"enrolment for session {self.code} closed at "
                f"{self.enrolment_closes_at.isoformat()}"
            )
        return None

    @property
    def fills_from_waitlist(self) -> bool:
        return self.status in FILLS_FROM_WAITLIST

    def has_started(self, now: datetime) -> bool:
        return local_date(now) >= self.starts_on

    def same_schedule_as(self, other: Session) -> bool:
        """True when nothing a subscriber sees would change."""
        mine = {k: v for k, v in self.__dict__.items() if k != "changed_at"}
        theirs = {k: v for k, v in other.__dict__.items() if k != "changed_at"}
        return mine == theirs
