"""Commands the evaluation service accepts (imperative names)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bangkom.evaluation.domain.model import AssessmentMethod
from bangkom.platform.auth import Caller


@dataclass(frozen=True)
class DefinePosition:
    caller: Caller
    code: str
    name: str
    agency_code: str
    standard: dict[str, int]


@dataclass(frozen=True)
class RegisterEmployee:
    caller: Caller
    nip: str
    name: str
    agency_code: str
    position_code: str
    active: bool = True


@dataclass(frozen=True)
class RecordResult:
    caller: Caller
    nip: str
    competency_code: str
    level: int
    method: AssessmentMethod
    evaluated_at: datetime
    assessor: str | None = None
    evidence: str | None = None
