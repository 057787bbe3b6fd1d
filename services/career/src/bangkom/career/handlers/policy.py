"""The service-wide settings the handlers apply (bootstrap builds it from the settings)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bangkom.career.domain.potential import DEFAULT_RULE, PotentialRule
from bangkom.career.domain.readiness import DEFAULT_READINESS, ReadinessRule


@dataclass(frozen=True)
class Policy:
    readiness: ReadinessRule = field(default_factory=lambda: DEFAULT_READINESS)
    # Potential rule of agencies that set none of their own.
    potential: PotentialRule = field(default_factory=lambda: DEFAULT_RULE)
    min_years_in_position: float = 0.0
    plan_jp_budget: int = 40


DEFAULT_POLICY = Policy()
