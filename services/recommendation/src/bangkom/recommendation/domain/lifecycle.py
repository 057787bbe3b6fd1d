"""A proposal's life: proposed -> accepted (then enrolled) or rejected; fulfilled when a
later evaluation closes the gap; expired when it lost its purpose or waited too long.

    proposed --accept--> accepted --enrolled--> enrolled --gap closed--> fulfilled
        |                    |                     |
        +--reject--> rejected +--gap closed--> fulfilled
        +--gap closed / too old / enrolment cancelled or declined--> expired
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum


class ProposalStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    ENROLLED = "enrolled"
    FULFILLED = "fulfilled"
    EXPIRED = "expired"


ACTIVE = frozenset({ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED, ProposalStatus.ENROLLED})
COMMITTED = frozenset({ProposalStatus.ACCEPTED, ProposalStatus.ENROLLED})


class InvalidTransition(ValueError):
    """The proposal is not in a state that allows the change."""


@dataclass(frozen=True)
class Proposal:
    id: str
    nip: str
    agency_code: str
    competency_code: str
    course_code: str
    current_level: int
    required_level: int
    jp: int
    score: float
    reasons: tuple[str, ...]
    status: ProposalStatus
    created_at: datetime
    updated_at: datetime
    decided_by: str | None = None
    status_reason: str | None = None
    # Set when it is an item of a development plan (career) its supervisor approved: its
    # gap is to the plan's target position, not to the position held.
    plan_id: str | None = None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    def decide(self, *, accept: bool, by: str, reason: str | None, at: datetime) -> Proposal:
        if self.status is not ProposalStatus.PROPOSED:
            raise InvalidTransition(f"proposal {self.id} is {self.status}, no longer open")
        if not accept and not (reason and reason.strip()):
            raise InvalidTransition("a rejection needs a reason")
        return replace(
            self,
            status=ProposalStatus.ACCEPTED if accept else ProposalStatus.REJECTED,
            decided_by=by,
            status_reason=reason,
            updated_at=at,
        )

    def enrolled(self, at: datetime) -> Proposal | None:
        if self.status is ProposalStatus.ACCEPTED:
            return replace(self, status=ProposalStatus.ENROLLED, updated_at=at)
        return None

    def enrolment_cancelled(self, at: datetime) -> Proposal | None:
        if self.status in COMMITTED:
            return replace(
                self,
                status=ProposalStatus.EXPIRED,
                status_reason="pendaftaran pelatihan dibatalkan",
                updated_at=at,
            )
        return None

    def enrolment_declined(self, reason: str, at: datetime) -> Proposal | None:
        """The training service could not enrol the person (e.g. course not offered)."""
        if self.status is ProposalStatus.ACCEPTED:
            return replace(
                self,
                status=ProposalStatus.EXPIRED,
                status_reason=f"pendaftaran tidak dapat diproses: {reason}",
                updated_at=at,
            )
        return None

    def gap_closed(self, at: datetime) -> Proposal | None:
        """Committed proposals are fulfilled; one never accepted has lost its purpose."""
        if self.status in COMMITTED:
            return replace(
                self,
                status=ProposalStatus.FULFILLED,
                status_reason="kesenjangan tertutup oleh evaluasi terbaru",
                updated_at=at,
            )
        if self.status is ProposalStatus.PROPOSED:
            return replace(
                self,
                status=ProposalStatus.EXPIRED,
                status_reason="kesenjangan sudah tertutup sebelum diputuskan",
                updated_at=at,
            )
        return None

    def expired(self, at: datetime) -> Proposal | None:
        if self.status is ProposalStatus.PROPOSED:
            return replace(
                self,
                status=ProposalStatus.EXPIRED,
                status_reason="tidak diputuskan dalam batas waktu",
                updated_at=at,
            )
        return None
