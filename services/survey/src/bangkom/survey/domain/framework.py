"""What the questionnaire asks about: competencies (names, level descriptions) and the
standards of positions (required level per competency), as the evaluation service
publishes them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from bangkom.kernel.business_time import supersedes_state

GROUP_ORDER = ("manajerial", "sosial_kultural", "teknis")


def group_of(competency_code: str) -> str:
    """M.01-M.08 manajerial, SK.01 sosial kultural, everything else (T.*) teknis."""
    if competency_code.startswith("M."):
        return "manajerial"
    if competency_code.startswith("SK."):
        return "sosial_kultural"
    return "teknis"


@dataclass(frozen=True)
class Competency:
    """One entry of the competency dictionary."""

    code: str
    name: str
    group: str
    description: str
    levels: dict[int, str] = field(default_factory=dict)
    changed_at: datetime | None = None

    def is_newer_than(self, other: Competency | None) -> bool:
        """A framework version and a later technical update both carry business time; an
        entry without one gives way to any entry, and wins over none."""
        if other is None or other.changed_at is None:
            return True
        return self.changed_at is not None and supersedes_state(self.changed_at, other.changed_at)


@dataclass(frozen=True)
class PositionStandard:
    """A position's required level per competency (code -> level) and the names the
    standard gave them."""

    position_code: str
    position_name: str
    agency_code: str
    version: int
    required: dict[str, int]
    names: dict[str, str]
    published_at: datetime

    def is_newer_than(self, other: PositionStandard | None) -> bool:
        return other is None or self.version > other.version


@dataclass(frozen=True)
class CompetencyQuestion:
    """One competency of the questionnaire, worded from the dictionary when it knows it."""

    competency_code: str
    competency_name: str
    group: str
    description: str
    levels: dict[int, str]


def build_questionnaire(
    standards: Iterable[PositionStandard], dictionary: Mapping[str, Competency]
) -> list[CompetencyQuestion]:
    """Every competency in the given standards, once: manajerial, sosial kultural,
    then teknis, each by code."""
    named: dict[str, str] = {}
    for standard in standards:
        for code in standard.required:
            named.setdefault(code, standard.names.get(code) or code)
    questions = []
    for code, standard_name in named.items():
        known = dictionary.get(code)
        questions.append(
            CompetencyQuestion(
                competency_code=code,
                competency_name=known.name if known else standard_name,
                group=known.group if known else group_of(code),
                description=known.description if known else "",
                levels=dict(known.levels) if known else {},
            )
        )
    return sorted(questions, key=_question_order)


def _question_order(question: CompetencyQuestion) -> tuple[int, str]:
    group = question.group if question.group in GROUP_ORDER else "teknis"
    return GROUP_ORDER.index(group), question.competency_code
