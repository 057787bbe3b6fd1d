"""A development plan (IDP) toward a target position: the gaps to the target's standard
and the courses that close them, ordered and kept within a JP budget, chosen by the
kernel's course-fit rule (bangkom.kernel.proposals, the rule recommendation proposes
with). Competencies never assessed get no course: they are listed to be assessed first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bangkom.career.domain.model import PlanItem
from bangkom.kernel.gaps import GapStatus, Requirement, calculate_gaps
from bangkom.kernel.proposals import Course, Person, propose


@dataclass(frozen=True)
class PlanDraft:
    items: tuple[PlanItem, ...]
    unknown_competencies: tuple[str, ...]


def draft_plan(
    requirements: Mapping[str, Requirement],
    levels: Mapping[str, int],
    courses: Iterable[Course],
    *,
    completed_courses: frozenset[str],
    jp_budget: int,
) -> PlanDraft:
    gaps = calculate_gaps(requirements, levels)
    titles = {}
    usable = []
    for course in courses:
        titles[course.code] = course.title
        usable.append(course)
    person = Person(completed_courses=completed_courses)
    drafts = propose(gaps, usable, person, jp_budget=jp_budget)
    items = tuple(
        PlanItem(
            competency_code=d.competency_code,
            competency_name=requirements[d.competency_code].competency_name,
            course_code=d.course_code,
            course_title=titles[d.course_code],
            current_level=d.current_level,
            required_level=d.required_level,
            jp=d.jp,
            score=d.score,
            reasons=d.reasons,
        )
        for d in drafts
    )
    unknown = tuple(g.competency_code for g in gaps if g.status is GapStatus.UNKNOWN)
    return PlanDraft(items, unknown)
