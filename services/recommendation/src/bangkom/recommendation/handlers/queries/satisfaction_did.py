"""Trained against untrained units (difference in differences): the units in the
caller's scope with an IKM of both periods, their staff's training between the two
closings, and the comparison; per course for the L4 column of the effectiveness
report."""

from __future__ import annotations

from collections import defaultdict

from bangkom.platform.auth import Caller
from bangkom.platform.errors import InvalidInput
from bangkom.recommendation.domain.satisfaction import SatisfactionEffect
from bangkom.recommendation.domain.satisfaction_did import (
    DifferenceInDifferences,
    TrainingMapping,
    UnitChange,
    compare,
    is_trained,
)
from bangkom.recommendation.handlers.access import analytics_scope
from bangkom.recommendation.handlers.ports import RecommendationUnitOfWork, Scope


async def unit_changes(
    uow: RecommendationUnitOfWork, scope: Scope, before: str, after: str, mapping: TrainingMapping
) -> list[UnitChange]:
    """Units whose ``after`` period closed after their ``before`` one."""
    if before == after:
        raise InvalidInput("before and after name the same period", field="after")
    changes = []
    for earlier, later in await uow.satisfaction.in_both(scope, before, after):
        if later.closed_at <= earlier.closed_at:
            continue
        staff = await uow.satisfaction.staff(earlier.unit_code)
        done = await uow.satisfaction.completions(staff, earlier.closed_at, later.closed_at)
        mapped = [c for c in done if set(c.competencies) & set(mapping.competencies)]
        by_course: dict[str, set[str]] = defaultdict(set)
        for completion in mapped:
            by_course[completion.course_code or ""].add(completion.nip)
        trained = len({c.nip for c in mapped})
        changes.append(
            UnitChange(
                SatisfactionEffect(earlier, later, staff=len(staff), trained=trained),
                {course: len(nips) for course, nips in by_course.items() if course},
            )
        )
    return changes


async def satisfaction_did(
    uow: RecommendationUnitOfWork,
    caller: Caller,
    *,
    agency_code: str | None,
    before: str,
    after: str,
    mapping: TrainingMapping,
) -> tuple[list[UnitChange], DifferenceInDifferences]:
    """The units of the caller's scope (or of one agency of theirs, e.g. the city)."""
    scope = analytics_scope(caller, agency_code)
    changes = await unit_changes(uow, scope, before, after, mapping)
    return changes, compare(
        changes, lambda c: is_trained(c, mapping), lambda c: not is_trained(c, mapping)
    )


def course_l4(
    changes: list[UnitChange], course_code: str, mapping: TrainingMapping
) -> DifferenceInDifferences:
    """Units where the course alone trained the mapping's share of the staff, against
    the units untrained by any mapped course."""
    return compare(
        changes,
        lambda c: c.share_by(course_code) >= mapping.trained_share,
        lambda c: not is_trained(c, mapping),
    )
