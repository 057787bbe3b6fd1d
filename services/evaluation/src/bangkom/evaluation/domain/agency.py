"""Agencies as a hierarchy with codes that spell it out.

A child's code is its parent's code plus one segment ("12" Sumatera Utara, "12.73"
Kota Pematangsiantar, "12.73.BKPSDM", "12.73.BKPSDM.PK"), so every service can
tell from a code alone whether it lies within a caller's scope.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

SEGMENT = re.compile(r"^[A-Z0-9][A-Z0-9_\-]{0,31}$")


class AgencyKind(StrEnum):
    PROVINCE = "province"
    REGENCY = "regency"
    CITY = "city"
    AGENCY = "agency"
    UNIT = "unit"


# Which kind may sit under which: an agency (OPD) belongs to a province, regency or
# city; a unit to an agency or to another unit.
PARENT_KINDS: dict[AgencyKind, frozenset[AgencyKind]] = {
    AgencyKind.PROVINCE: frozenset(),
    AgencyKind.REGENCY: frozenset({AgencyKind.PROVINCE}),
    AgencyKind.CITY: frozenset({AgencyKind.PROVINCE}),
    AgencyKind.AGENCY: frozenset({AgencyKind.PROVINCE, AgencyKind.REGENCY, AgencyKind.CITY}),
    AgencyKind.UNIT: frozenset({AgencyKind.AGENCY, AgencyKind.UNIT}),
}


class InvalidAgency(ValueError):
    """An agency that does not fit the hierarchy."""


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    kind: AgencyKind
    parent_code: str | None
    active: bool
    changed_at: datetime

    def same_as(self, other: Agency) -> bool:
        """True when nothing but the change time differs."""
        return (self.name, self.kind, self.parent_code, self.active) == (
            other.name,
            other.kind,
            other.parent_code,
            other.active,
        )

    def check_placement(self, parent: Agency | None) -> None:
        if self.kind is AgencyKind.PROVINCE:
            if parent is not None or "." in self.code or not SEGMENT.match(self.code):
                raise InvalidAgency(f"province code {self.code!r} must be one segment, no parent")
            return
        if parent is None:
            raise InvalidAgency(f"{self.kind} {self.code} needs an existing parent agency")
        if parent.kind not in PARENT_KINDS[self.kind]:
            allowed = ", ".join(sorted(PARENT_KINDS[self.kind]))
            raise InvalidAgency(
                f"a {self.kind} cannot sit under a {parent.kind} ({parent.code}); "
                f"allowed parents: {allowed}"
            )
        prefix = f"{parent.code}."
        if not self.code.startswith(prefix) or not SEGMENT.match(self.code[len(prefix) :]):
            raise InvalidAgency(
                f"code {self.code!r} must be the parent code {parent.code!r} plus one segment "
                "of capitals, digits, '-' or '_' (e.g. 12.73.BKPSDM)"
            )
