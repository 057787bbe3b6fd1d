"""Who answers a survey, fixed when it opens.

Eligible respondents are the employees the roster lists as active in the survey's
agencies (units included) at the moment the survey opens, each with the standard of
their position at that moment. That list is a snapshot on purpose: the response rate
and the needs are figures about a known population, and a transfer, a new hire or a
deactivation arriving from the roster afterwards must not silently change the
denominator or drop answers already given. An operator changes the list explicitly
(adds a late joiner, excludes someone who left, with a reason); nothing else does.

A respondent whose position has no standard yet is still eligible (they belong to
the agency's headcount and may answer the extra questions) but has no competency to
rate; tracking counts them so the office can fix the standard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bangkom.kernel.agencies import covering
from bangkom.survey.domain.framework import PositionStandard
from bangkom.survey.domain.roster import Employee


class NotEligible(Exception):
    """The employee cannot be a respondent of this survey."""


@dataclass(frozen=True)
class Respondent:
    survey_id: str
    nip: str
    name: str
    agency_code: str  # the unit the employee worked in at opening
    survey_agency: str  # the survey's agency that covers that unit
    position_code: str
    supervisor_nip: str | None
    required: dict[str, int]  # competency code -> required level, from the standard
    added_by: str
    added_at: datetime
    excluded_by: str | None = None
    excluded_at: datetime | None = None
    exclusion_reason: str | None = None

    @property
    def excluded(self) -> bool:
        return self.excluded_at is not None

    @property
    def has_standard(self) -> bool:
        return bool(self.required)

    def is_supervised_by(self, nip: str | None) -> bool:
        return nip is not None and self.supervisor_nip == nip


def respondent_of(
    survey_id: str,
    survey_agencies: Iterable[str],
    employee: Employee,
    standard: PositionStandard | None,
    *,
    by: str,
    at: datetime,
) -> Respondent:
    if not employee.active:
        raise NotEligible(f"employee {employee.nip} is not active in the roster")
    group = covering(survey_agencies, employee.agency_code)
    if group is None:
        raise NotEligible(
            f"employee {employee.nip} works in {employee.agency_code}, "
            "outside the survey's agencies"
        )
    return Respondent(
        survey_id=survey_id,
        nip=employee.nip,
        name=employee.name,
        agency_code=employee.agency_code,
        survey_agency=group,
        position_code=employee.position_code,
        supervisor_nip=employee.supervisor_nip,
        required=dict(standard.required) if standard else {},
        added_by=by,
        added_at=at,
    )


def eligible_respondents(
    survey_id: str,
    survey_agencies: Iterable[str],
    employees: Iterable[Employee],
    standards: Mapping[str, PositionStandard],
    *,
    by: str,
    at: datetime,
) -> list[Respondent]:
    """The snapshot taken at opening: active employees within the survey's agencies."""
    roots = tuple(survey_agencies)
    return [
        respondent_of(survey_id, roots, e, standards.get(e.position_code), by=by, at=at)
        for e in sorted(employees, key=lambda e: e.nip)
        if e.active and covering(roots, e.agency_code) is not None
    ]


def include(respondent: Respondent, *, by: str, at: datetime) -> Respondent:
    """Bring an excluded respondent back (their earlier answers count again)."""
    return Respondent(
        **{
            **respondent.__dict__,
            "added_by": by,
            "added_at": at,
            "excluded_by": None,
            "excluded_at": None,
            "exclusion_reason": None,
        }
    )


def exclude(respondent: Respondent, reason: str, *, by: str, at: datetime) -> Respondent:
    """Take a respondent out of the denominator (moved, retired); answers are kept but
    no longer counted."""
    if not reason.strip():
        raise NotEligible("reason: say why the respondent is excluded")
    return Respondent(
        **{
            **respondent.__dict__,
            "excluded_by": by,
            "excluded_at": at,
            "exclusion_reason": reason.strip(),
        }
    )
