"""Who may answer an agency's survey: its active employees, from the roster."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Respondent:
    nip: str
    name: str
    agency_code: str
    position_code: str
    active: bool
    changed_at: datetime

    def is_newer_than(self, other: Respondent | None) -> bool:
        return other is None or self.changed_at > other.changed_at
