"""Employees as the roster (evaluation service) last described them: who they are,
where they work and whether they are still in service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bangkom.kernel.business_time import Stamped


@dataclass(frozen=True)
class Employee(Stamped):
    nip: str
    name: str
    employment_type: str
    agency_code: str
    position_code: str
    active: bool
    changed_at: datetime
