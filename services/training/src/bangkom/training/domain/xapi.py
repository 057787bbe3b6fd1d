"""Learning records from e-learning platforms (xAPI 1.0.3 statements).

A statement whose verb is *completed* or *passed* is a completed course once its
activity maps to a catalog course and its actor to an employee (the account name is the
NIP, or the mailbox is registered to one). Until both are known it waits, unmapped.
One attempt counts once: statements of the same registration (a SCORM package sends
*completed* and then *passed*) credit the JP of one completion.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from bangkom.training.domain.completions import CompletionOutcome

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
PASSED = "http://adlnet.gov/expapi/verbs/passed"
COMPLETION_VERBS = frozenset({COMPLETED, PASSED})


class StatementStatus(StrEnum):
    APPLIED = "applied"  # a completion (new, or the attempt's earlier one) holds it
    UNMAPPED = "unmapped"  # waits for its activity or actor to be mapped
    IGNORED = "ignored"  # kept; its verb is not a completion


class StatementConflict(ValueError):
    """A statement id sent again with other content."""


@dataclass(frozen=True)
class Statement:
    id: str
    platform_code: str
    content: dict[str, Any]
    verb_id: str
    activity_id: str
    account_name: str | None
    mbox: str | None
    success: bool | None
    timestamp: datetime
    registration: str | None
    stored_at: datetime
    status: StatementStatus = StatementStatus.UNMAPPED
    reason: str | None = None
    completion_id: str | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.content)

    @property
    def counts_as_completion(self) -> bool:
        return self.verb_id in COMPLETION_VERBS

    @property
    def outcome(self) -> CompletionOutcome:
        """passed, or completed: passed when the result says success, failed when it says
        the opposite, attended when it says nothing."""
        if self.verb_id == PASSED or self.success is True:
            return CompletionOutcome.PASSED
        return CompletionOutcome.FAILED if self.success is False else CompletionOutcome.ATTENDED

    @property
    def attempt(self) -> str:
        """What one completion stands for: the registration, else the statement."""
        return f"xapi:{self.registration or self.id}"


def fingerprint(content: dict[str, Any]) -> str:
    """The same statement sent twice has the same fingerprint (key order aside)."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def same_statement(stored: Statement, sent: Statement) -> bool:
    """Sent again unchanged; the same id with other content is a StatementConflict."""
    if stored.fingerprint == sent.fingerprint:
        return True
    raise StatementConflict(
        f"statement {sent.id} is stored already with other content (xAPI ids are immutable)"
    )


@dataclass(frozen=True)
class LearningPlatform:
    """An e-learning platform that sends statements with HTTP Basic credentials: its
    code is the user name; only a digest of its secret is kept."""

    code: str
    name: str
    secret_digest: str
    registered_at: datetime


def secret_digest(secret: str) -> str:
    # The secrets are 256-bit random tokens made here, not passwords: a slow hash would
    # add nothing against guessing, so SHA-256 (compared in constant time) is enough.
    return hashlib.sha256(secret.encode()).hexdigest()
