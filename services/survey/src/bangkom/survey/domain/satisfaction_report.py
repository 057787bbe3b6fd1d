"""An SKM period's results as units report them: the IKM per element, per group of
respondents (gender, age band, education, occupation, the service used) and beside the
unit's other periods. A respondent who left a characteristic out is counted under
"Tidak disebutkan"; free-text groups (occupation, service) are one group per spelling
up to case and spaces."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from bangkom.survey.domain.satisfaction import Element, SatisfactionScore, score

CHARACTERISTICS: Mapping[str, str] = {
    "gender": "Jenis kelamin",
    "age_band": "Usia",
    "education": "Pendidikan",
    "occupation": "Pekerjaan",
    "service_used": "Jenis layanan",
}
NOT_STATED = "Tidak disebutkan"


@dataclass(frozen=True)
class PublicAnswer:
    ratings: Mapping[Element, int]
    respondent: Mapping[str, str]
    suggestion: str
    submitted_at: datetime


@dataclass(frozen=True)
class GroupScore:
    characteristic: str  # a key of CHARACTERISTICS
    group: str  # as the respondents gave it, or NOT_STATED
    score: SatisfactionScore
    share: Fraction  # of the period's respondents


def _key(value: str) -> str:
    return " ".join(value.split()).casefold()


def by_group(answers: Sequence[PublicAnswer]) -> list[GroupScore]:
    """Each characteristic's groups in the order first met, "Tidak disebutkan" last."""
    found: list[GroupScore] = []
    for characteristic in CHARACTERISTICS:
        groups: dict[str, tuple[str, list[Mapping[Element, int]]]] = {}
        for answer in answers:
            given = " ".join(answer.respondent.get(characteristic, "").split())
            groups.setdefault(_key(given), (given or NOT_STATED, []))[1].append(answer.ratings)
        ordered = sorted(groups.values(), key=lambda g: g[0] == NOT_STATED)
        found += [
            GroupScore(characteristic, label, score(members), Fraction(len(members), len(answers)))
            for label, members in ordered
        ]
    return found
