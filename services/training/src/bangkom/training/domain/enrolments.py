"""Enrolments in a session, its waitlist, and accepted proposals waiting for a place.

A session's roll (its enrolments) is one aggregate: every seat decision is taken on
the whole roll, loaded under a lock, so two requests never both take the last seat.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from bangkom.training.domain.sessions import InvalidSession, Session, SessionStatus


class EnrolmentStatus(StrEnum):
    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class EnrolmentRefused(Exception):
    """The session cannot take or change this enrolment now; the message says why."""


@dataclass
class Enrolment:
    id: str
    nip: str
    agency_code: str
    session_code: str
    course_code: str
    status: EnrolmentStatus
    # Order of request within the session: the waitlist is served in this order.
    queue_number: int
    enrolled_by: str
    requested_at: datetime
    changed_at: datetime
    proposal_id: str | None = None
    reason: str | None = None

    @property
    def active(self) -> bool:
        return self.status is not EnrolmentStatus.CANCELLED


@dataclass
class SessionRoll:
    session: Session
    enrolments: list[Enrolment]

    @property
    def seats_taken(self) -> int:
        return sum(1 for e in self.enrolments if e.status is EnrolmentStatus.ENROLLED)

    @property
    def seats_left(self) -> int:
        return max(self.session.capacity - self.seats_taken, 0)

    @property
    def waitlist(self) -> list[Enrolment]:
        waiting = [e for e in self.enrolments if e.status is EnrolmentStatus.WAITLISTED]
        return sorted(waiting, key=lambda e: e.queue_number)

    def of(self, nip: str) -> Enrolment | None:
        return next((e for e in self.enrolments if e.nip == nip), None)

    def find(self, enrolment_id: str) -> Enrolment | None:
        return next((e for e in self.enrolments if e.id == enrolment_id), None)

    def enrol(
        self,
        *,
        enrolment_id: str,
        nip: str,
        agency_code: str,
        enrolled_by: str,
        now: datetime,
        proposal_id: str | None = None,
    ) -> Enrolment:
        """A seat while one is free, else the end of the waitlist."""
        refusal = self.session.refuses_enrolment(now)
        if refusal:
            raise EnrolmentRefused(refusal)
        existing = self.of(nip)
        if existing is not None and existing.active:
            raise EnrolmentRefused(
                f"employee {nip} is already {existing.status} in session {self.session.code}"
            )
        status = EnrolmentStatus.ENROLLED if self.seats_left else EnrolmentStatus.WAITLISTED
        queue_number = max((e.queue_number for e in self.enrolments), default=0) + 1
        if existing is not None:
            # One row per person and session: enrolling again after a cancellation
            # reuses it, at the end of the queue.
            existing.status, existing.queue_number = status, queue_number
            existing.agency_code, existing.enrolled_by = agency_code, enrolled_by
            existing.requested_at = existing.changed_at = now
            existing.proposal_id, existing.reason = proposal_id, None
            return existing
        enrolment = Enrolment(
            id=enrolment_id,
            nip=nip,
            agency_code=agency_code,
            session_code=self.session.code,
            course_code=self.session.course_code,
            status=status,
            queue_number=queue_number,
            enrolled_by=enrolled_by,
            requested_at=now,
            changed_at=now,
            proposal_id=proposal_id,
        )
        self.enrolments.append(enrolment)
        return enrolment

    def cancel(self, enrolment_id: str, *, now: datetime, reason: str) -> list[Enrolment]:
        """Cancel one enrolment; a freed seat goes to the first on the waitlist.
        Returns what changed: the cancelled enrolment first, then any promotion."""
        enrolment = self.find(enrolment_id)
        if enrolment is None:
            raise LookupError(enrolment_id)
        if not enrolment.active:
            raise EnrolmentRefused(f"enrolment {enrolment_id} is already cancelled")
        if self.session.status in (SessionStatus.FINISHED, SessionStatus.CANCELLED):
            raise EnrolmentRefused(
                f"session {self.session.code} is {self.session.status}; "
                "its enrolments no longer change"
            )
        freed_a_seat = enrolment.status is EnrolmentStatus.ENROLLED
        enrolment.status, enrolment.reason, enrolment.changed_at = (
            EnrolmentStatus.CANCELLED,
            reason,
            now,
        )
        return [enrolment, *(self._promote(now) if freed_a_seat else [])]

    def reschedule(self, updated: Session) -> list[Enrolment]:
        """Adopt a changed schedule. More seats promote from the waitlist, fewer may not
        drop below the seats taken, and a cancelled session cancels every enrolment."""
        current = self.session
        if updated.course_code != current.course_code:
            raise InvalidSession(
                f"session {current.code} belongs to course {current.course_code}; "
                f"it cannot move to {updated.course_code}"
            )
        if not current.may_become(updated.status):
            raise EnrolmentRefused(current.refuses_becoming(updated.status))
        if updated.capacity < self.seats_taken:
            raise EnrolmentRefused(
                f"capacity {updated.capacity} is below the {self.seats_taken} seats "
                f"already taken in session {current.code}"
            )
        self.session = updated
        now = updated.changed_at
        if updated.status is SessionStatus.CANCELLED:
            return self._cancel_everyone(now, f"session {current.code} was cancelled")
        return self._promote(now) if updated.fills_from_waitlist else []

    def _cancel_everyone(self, now: datetime, reason: str) -> list[Enrolment]:
        changed = []
        for enrolment in sorted(self.enrolments, key=lambda e: e.queue_number):
            if enrolment.active:
                enrolment.status, enrolment.reason, enrolment.changed_at = (
                    EnrolmentStatus.CANCELLED,
                    reason,
                    now,
                )
                changed.append(enrolment)
        return changed

    def _promote(self, now: datetime) -> list[Enrolment]:
        if not self.session.fills_from_waitlist:
            return []
        promoted = []
        for enrolment in self.waitlist[: self.seats_left]:
            enrolment.status, enrolment.changed_at = EnrolmentStatus.ENROLLED, now
            promoted.append(enrolment)
        return promoted


class RequestStatus(StrEnum):
    WAITING = "waiting"
    PLACED = "placed"
    DECLINED = "declined"


@dataclass(frozen=True)
class EnrolmentRequest:
    """An accepted training proposal: to be placed in a session of its course, now or
    when one opens."""

    proposal_id: str
    nip: str
    agency_code: str
    course_code: str
    status: RequestStatus
    requested_at: datetime
    changed_at: datetime
    enrolment_id: str | None = None
    reason: str | None = None

    def placed(
        self, enrolment_id: str, now: datetime, reason: str | None = None
    ) -> EnrolmentRequest:
        return replace(
            self,
            status=RequestStatus.PLACED,
            enrolment_id=enrolment_id,
            changed_at=now,
            reason=reason,
        )

    def waiting(self, now: datetime, reason: str) -> EnrolmentRequest:
        return replace(self, status=RequestStatus.WAITING, changed_at=now, reason=reason)

    def declined(self, now: datetime, reason: str) -> EnrolmentRequest:
        return replace(self, status=RequestStatus.DECLINED, changed_at=now, reason=reason)
