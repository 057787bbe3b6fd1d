"""Response rates per agency and unit, from counts per unit (for reminders)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bangkom.survey.domain.eligibility import Respondent


@dataclass(frozen=True)
class UnitTally:
    survey_agency: str
    agency_code: str  # the unit
    eligible: int
    answered: int
    rated: int  # respondents whose supervisor has rated them
    without_standard: int  # respondents whose position had no standard at opening

    @property
    def response_rate(self) -> float:
        return round(self.answered / self.eligible, 4) if self.eligible else 0.0


@dataclass(frozen=True)
class AgencyTally:
    agency_code: str
    eligible: int
    answered: int
    rated: int
    without_standard: int
    units: tuple[UnitTally, ...]

    @property
    def response_rate(self) -> float:
        return round(self.answered / self.eligible, 4) if self.eligible else 0.0


def roll_up(units: Iterable[UnitTally]) -> list[AgencyTally]:
    by_agency: dict[str, list[UnitTally]] = {}
    for unit in units:
        by_agency.setdefault(unit.survey_agency, []).append(unit)
    return [
        AgencyTally(
            agency_code=agency,
            eligible=sum(u.eligible for u in listed),
            answered=sum(u.answered for u in listed),
            rated=sum(u.rated for u in listed),
            without_standard=sum(u.without_standard for u in listed),
            units=tuple(sorted(listed, key=lambda u: u.agency_code)),
        )
        for agency, listed in sorted(by_agency.items())
    ]


@dataclass(frozen=True)
class Progress:
    """One respondent and where they stand: answered, and rated by their supervisor."""

    respondent: Respondent
    answered_at: datetime | None
    rated_at: datetime | None

    @property
    def answered(self) -> bool:
        return self.answered_at is not None
