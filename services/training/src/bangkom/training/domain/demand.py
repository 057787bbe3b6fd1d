"""Demand for courses from the aggregated training needs of each agency's survey.

People per agency for a course: the respondents who need a competency the course
develops (needs with a positive mean gap). A course developing two needed
competencies counts the larger group only, because the same people may need both
(without per-person needs that is the safe lower bound).

Sessions: a class is as large as the course's latest session, or DEFAULT_CLASS_SIZE
when it has none. needed = ceil(people / class size); suggested = needed minus the
sessions already planned or open that have not started.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bangkom.kernel.business_time import supersedes_state
from bangkom.training.domain.catalog import Course

DEFAULT_CLASS_SIZE = 30


@dataclass(frozen=True)
class Need:
    competency_code: str
    respondents: int
    mean_gap: float
    priority: float
    rank: int

    @property
    def is_a_need(self) -> bool:
        return self.respondents > 0 and self.mean_gap > 0


@dataclass(frozen=True)
class AgencyNeeds:
    """The survey service's last aggregation for one agency and planning period."""

    agency_code: str
    period: str
    survey_id: str
    headcount: int
    needs: tuple[Need, ...]
    aggregated_at: datetime

    def is_newer_than(self, other: AgencyNeeds | None) -> bool:
        return supersedes_state(self.aggregated_at, other.aggregated_at if other else None)

    def people_needing(self, course: Course) -> int:
        needed = {n.competency_code: n.respondents for n in self.needs if n.is_a_need}
        return max((needed.get(c.competency_code, 0) for c in course.competencies), default=0)


@dataclass(frozen=True)
class CourseDemand:
    course_code: str
    title: str
    period: str
    people_per_agency: dict[str, int]
    class_size: int
    sessions_scheduled: int

    @property
    def people(self) -> int:
        return sum(self.people_per_agency.values())

    @property
    def sessions_needed(self) -> int:
        return math.ceil(self.people / self.class_size)

    @property
    def suggested_sessions(self) -> int:
        return max(self.sessions_needed - self.sessions_scheduled, 0)


@dataclass(frozen=True)
class SessionPlan:
    """What demand needs to know of a course's sessions."""

    class_size: int | None  # capacity of the latest session
    upcoming: int  # planned or open, not started


def course_demand(
    period: str,
    courses: Iterable[Course],
    needs: Iterable[AgencyNeeds],
    plans: Mapping[str, SessionPlan],
) -> list[CourseDemand]:
    """Demand per offered course, largest first; courses nobody needs are left out."""
    in_period = [n for n in needs if n.period == period]
    demand = []
    for course in courses:
        if not course.is_offered:
            continue
        per_agency = {
            n.agency_code: people for n in in_period if (people := n.people_needing(course)) > 0
        }
        if not per_agency:
            continue
        plan = plans.get(course.code, SessionPlan(class_size=None, upcoming=0))
        demand.append(
            CourseDemand(
                course_code=course.code,
                title=course.title,
                period=period,
                people_per_agency=dict(sorted(per_agency.items())),
                class_size=plan.class_size or DEFAULT_CLASS_SIZE,
                sessions_scheduled=plan.upcoming,
            )
        )
    return sorted(demand, key=lambda d: (-d.people, d.course_code))
