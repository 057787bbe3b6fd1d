"""Completed training: from a session of the catalog, or reported from outside (an LMS,
a certificate) with its source kept as evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bangkom.kernel.calendar import year_of
from bangkom.training.domain.catalog import CompetencyStep, LearningMode

MAX_JP = 1000


class CompletionOutcome(StrEnum):
    ATTENDED = "attended"  # took part; the course has no examination
    PASSED = "passed"
    FAILED = "failed"


class CompletionSource(StrEnum):
    SESSION = "session"
    LMS = "lms"
    CERTIFICATE = "certificate"
    OTHER = "other"


class InvalidCompletion(ValueError):
    """A completion that cannot be recorded as described; the message names the field."""


@dataclass(frozen=True)
class Completion:
    id: str
    nip: str
    agency_code: str
    title: str
    outcome: CompletionOutcome
    jp: int  # JP of the training itself; see credited_jp
    mode: LearningMode
    source: CompletionSource
    completed_at: datetime
    recorded_by: str
    recorded_at: datetime
    competencies: tuple[CompetencyStep, ...] = ()
    course_code: str | None = None
    session_code: str | None = None
    enrolment_id: str | None = None
    reference: str | None = None
    score: float | None = None
    proposal_id: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.jp <= MAX_JP:
            raise InvalidCompletion(f"jp must be within 1-{MAX_JP}, got {self.jp}")
        if self.score is not None and not 0 <= self.score <= 100:
            raise InvalidCompletion(f"score must be within 0-100, got {self.score}")
        if self.source is CompletionSource.SESSION:
            if not (self.session_code and self.enrolment_id):
                raise InvalidCompletion("a session completion needs its session and enrolment")
        elif not self.reference:
            raise InvalidCompletion(
                f"reference (certificate number or LMS record) is required for source {self.source}"
            )

    @property
    def credited_jp(self) -> int:
        """JP that count toward the person's 20 JP: none for a failed course."""
        return 0 if self.outcome is CompletionOutcome.FAILED else self.jp

    @property
    def year(self) -> int:
        """The ledger year: the WIB calendar year of completion."""
        return year_of(self.completed_at)

    @property
    def satisfies_prerequisite(self) -> bool:
        return self.outcome is not CompletionOutcome.FAILED
