"""Which courses to propose for an employee's open gaps, ranked, within a JP budget, each
with its reasons in Bahasa Indonesia.

Two services apply it, so it lives here once: recommendation (gaps against the position
held, the proposals it publishes) and career (gaps against a target position, the courses
of a development plan).

A course fits a gap when it develops that competency from at most the current level to
above it, is published, was not completed, is not being followed, and its prerequisites
were completed. Among fitting courses the best score wins:

    score = 10 x levels of the gap it closes
          +  5 if it reaches the required level
          +  6 / 4 / 2 when the competency is the agency's need #1 / #2 / #3 (needs survey)
          +  3 if the person has fewer than 20 JP this year
          +  1 for a non-classroom mode (cheaper and easier to schedule)
          -  1 per Rp 1 000 000 of cost

Gaps are taken largest first (then by the agency's need rank); a proposal is made only
while the JP of the person's active proposals this year stay within the yearly budget.
One active proposal per competency; a course once proposed for a competency is not
proposed for it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bangkom.kernel import jp
from bangkom.kernel.gaps import Gap, GapStatus

NEED_BONUS = {1: 6.0, 2: 4.0, 3: 2.0}
CLASSROOM = "klasikal"
MODE_NAMES = {
    "klasikal": "klasikal",
    "e_learning": "e-learning",
    "blended": "blended learning",
    "coaching": "coaching",
    "mentoring": "mentoring",
    "seminar": "seminar",
    "self_study": "belajar mandiri",
}


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
    provider: str = ""
    prerequisites: tuple[str, ...] = ()

    def step_for(self, competency_code: str, current_level: int) -> CourseStep | None:
        for step in self.steps:
            if (
                step.competency_code == competency_code
                and step.level_from <= current_level < step.level_to
            ):
                return step
        return None


@dataclass(frozen=True)
class Person:
    """What is known about the person beyond their gaps."""

    completed_courses: frozenset[str] = frozenset()
    followed_courses: frozenset[str] = frozenset()  # enrolled or waitlisted now
    jp_this_year: int = 0
    committed_jp: int = 0  # JP of active proposals this year
    proposed_before: frozenset[tuple[str, str]] = frozenset()  # (competency, course)
    active_competencies: frozenset[str] = frozenset()
    need_rank: Mapping[str, int] = field(default_factory=dict)
    need_period: str | None = None


@dataclass(frozen=True)
class ProposalDraft:
    competency_code: str
    course_code: str
    current_level: int
    required_level: int
    jp: int
    score: float
    reasons: tuple[str, ...]


def _fits(course: Course, gap: Gap, person: Person) -> CourseStep | None:
    assert gap.current_level is not None
    if (
        not course.published
        or course.code in person.completed_courses
        or course.code in person.followed_courses
        or (gap.competency_code, course.code) in person.proposed_before
        or not set(course.prerequisites) <= person.completed_courses
    ):
        return None
    return course.step_for(gap.competency_code, gap.current_level)


def _score(gap: Gap, step: CourseStep, course: Course, person: Person) -> float:
    assert gap.current_level is not None
    closes = min(step.level_to, gap.required_level) - gap.current_level
    score = 10.0 * closes
    score += 5.0 if step.level_to >= gap.required_level else 0.0
    score += NEED_BONUS.get(person.need_rank.get(gap.competency_code, 0), 0.0)
    score += 3.0 if jp.below_target(person.jp_this_year) else 0.0
    score += 1.0 if course.mode != CLASSROOM else 0.0
    return round(score - course.cost / 1_000_000, 2)


def _reasons(gap: Gap, step: CourseStep, course: Course, person: Person) -> tuple[str, ...]:
    reasons = [
        f"Kesenjangan {gap.size} level pada {gap.competency_name} "
        f"(saat ini {gap.current_level}, standar jabatan {gap.required_level})",
        f"{course.title} mengembangkan {gap.competency_name} dari level {step.level_from} "
        f"ke level {step.level_to}",
    ]
    if step.level_to >= gap.required_level:
        reasons.append("Pelatihan ini menutup kesenjangan sampai standar jabatan")
    rank = person.need_rank.get(gap.competency_code)
    if rank is not None and rank in NEED_BONUS:
        survey = f" (survei kebutuhan {person.need_period})" if person.need_period else ""
        reasons.append(f"Prioritas kebutuhan #{rank} di instansi{survey}")
    if jp.below_target(person.jp_this_year):
        reasons.append(
            f"Baru {person.jp_this_year} dari {jp.TARGET_JP} JP tahun ini; "
            f"pelatihan ini menambah {course.jp} JP"
        )
    reasons.append(f"{course.jp} JP, moda {MODE_NAMES.get(course.mode, course.mode)}")
    return tuple(reasons)


def propose(
    gaps: Iterable[Gap], courses: Iterable[Course], person: Person, *, jp_budget: int
) -> list[ProposalDraft]:
    developing: dict[str, list[Course]] = {}
    for course in courses:
        for code in dict.fromkeys(s.competency_code for s in course.steps):
            developing.setdefault(code, []).append(course)
    open_gaps = sorted(
        (
            g
            for g in gaps
            if g.status is GapStatus.OPEN and g.competency_code not in person.active_competencies
        ),
        key=lambda g: (
            -(g.size or 0),
            person.need_rank.get(g.competency_code, 99),
            g.competency_code,
        ),
    )
    committed = person.committed_jp
    drafts: list[ProposalDraft] = []
    for gap in open_gaps:
        assert gap.current_level is not None
        candidates = [
            (_score(gap, step, course, person), course.code, step, course)
            for course in developing.get(gap.competency_code, ())
            if (step := _fits(course, gap, person)) is not None
        ]
        if not candidates:
            continue
        score, _, step, course = max(candidates, key=lambda c: (c[0], c[1]))
        if committed + course.jp > jp_budget:
            continue
        committed += course.jp
        drafts.append(
            ProposalDraft(
                competency_code=gap.competency_code,
                course_code=course.code,
                current_level=gap.current_level,
                required_level=gap.required_level,
                jp=course.jp,
                score=score,
                reasons=_reasons(gap, step, course, person),
            )
        )
    return drafts
