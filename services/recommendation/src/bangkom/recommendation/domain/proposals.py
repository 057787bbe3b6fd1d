"""Which courses to propose for open gaps, ranked, with reasons in Bahasa Indonesia.

A course fits a gap when it develops that competency from at most the current
level to above it. Score: 10 per level of gap the course closes, plus 5 when it
reaches the required level, minus 1 per Rp 1 million of cost. One proposal per
open gap: the best-scoring course not already proposed for that gap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bangkom.recommendation.domain.gaps import Gap, GapStatus


@dataclass(frozen=True)
class CourseStep:
    competency_code: str
    level_from: int
    level_to: int


@dataclass(frozen=True)
class Course:
    code: str
    title: str
    steps: tuple[CourseStep, ...]
    jp: int
    mode: str
    cost: int
    published: bool

    def step_for(self, competency_code: str, current_level: int) -> CourseStep | None:
        for step in self.steps:
            if (
                step.competency_code == competency_code
                and step.level_from <= current_level < step.level_to
            ):
                return step
        return None


@dataclass(frozen=True)
class ProposalDraft:
    competency_code: str
    course_code: str
    current_level: int
    required_level: int
    score: float
    reasons: tuple[str, ...]


def _score(gap: Gap, step: CourseStep, course: Course) -> float:
    assert gap.current_level is not None
    closes = min(step.level_to, gap.required_level) - gap.current_level
    reaches = 5.0 if step.level_to >= gap.required_level else 0.0
    return round(10.0 * closes + reaches - course.cost / 1_000_000, 2)


def _reasons(gap: Gap, step: CourseStep, course: Course) -> tuple[str, ...]:
    reasons = [
        f"Kesenjangan {gap.size} level pada {gap.competency_name} "
        f"(saat ini {gap.current_level}, standar jabatan {gap.required_level})",
        f"{course.title} mengembangkan {gap.competency_name} dari level {step.level_from} "
        f"ke level {step.level_to}",
    ]
    if step.level_to >= gap.required_level:
        reasons.append("Pelatihan ini menutup kesenjangan sampai standar jabatan")
    reasons.append(f"{course.jp} JP, moda {course.mode.replace('_', ' ')}")
    return tuple(reasons)


def propose(
    gaps: Iterable[Gap],
    courses: Iterable[Course],
    already_proposed: set[tuple[str, str]],
) -> list[ProposalDraft]:
    """Best course per open gap, skipping (competency, course) pairs already proposed."""
    published = [c for c in courses if c.published]
    drafts: list[ProposalDraft] = []
    for gap in gaps:
        if gap.status is not GapStatus.OPEN or gap.current_level is None:
            continue
        candidates = []
        for course in published:
            step = course.step_for(gap.competency_code, gap.current_level)
            if step is None or (gap.competency_code, course.code) in already_proposed:
                continue
            candidates.append((_score(gap, step, course), course.code, step, course))
        if not candidates:
            continue
        score, _, step, course = max(candidates, key=lambda c: (c[0], c[1]))
        drafts.append(
            ProposalDraft(
                competency_code=gap.competency_code,
                course_code=course.code,
                current_level=gap.current_level,
                required_level=gap.required_level,
                score=score,
                reasons=_reasons(gap, step, course),
            )
        )
    return drafts
