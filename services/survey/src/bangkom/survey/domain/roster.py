"""The roster as the evaluation service publishes it: which agencies there are, who
works where, for whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bangkom.kernel.business_time import Stamped


@dataclass(frozen=True)
class Employee(Stamped):
    nip: str
    name: str
    agency_code: str
    position_code: str
    supervisor_nip: str | None
    active: bool
    changed_at: datetime


@dataclass(frozen=True)
class Agency(Stamped):
    """An agency, city or unit of the hierarchy: a survey or an SKM period names one."""

    code: str
    name: str
    active: bool
    changed_at: datetime
