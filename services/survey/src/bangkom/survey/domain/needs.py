"""Aggregated training needs of an agency, per competency, ranked (when a survey closes).

For each respondent who answered, and each competency of their form:

    perceived level = the supervisor's rating of that competency when there is one,
                      else the respondent's own level. The supervisor sees the work
                      and self-ratings run high; without a supervisor's rating the
                      self-rating is the only information there is.
    gap             = max(required level - perceived level, 0). A level above the
                      standard is no need, and it must not cancel a colleague's gap.

Per agency x competency, over the respondents who answered it:

    respondents, respondents_with_gap (gap > 0)
    mean_importance = mean of importance (1-5)
    mean_gap        = mean of gap, respondents without a gap counting 0 (0-4)
    share_with_gap  = respondents_with_gap / respondents (0-1)
    priority        = mean_importance x mean_gap x share_with_gap (0-20)

Why this score: every factor is a mean or a share, so an agency of 12 people and one
of 1,200 are on the same scale and the province can compare them; the size of the
need stays a separate figure (headcount x share_with_gap people), so big agencies do
not drown small ones in the ranking. Prevalence weighs twice (inside mean_gap and as
the share) on purpose: these needs plan group training for an agency (a class, a
batch), while one person's deep gap is met by the recommendation service's
individual proposal. One person with a gap of 4 among ten scores 0.4 x 0.1 = 0.04
per point of importance; ten people with a gap of 1 score 1 x 1 = 1.

Rank 1 is the agency's most pressing need; ties go to the higher mean importance,
then to more respondents, then to the competency code, so the order is stable.
Figures are rounded after ranking: means and share to 2 decimals, priority to 3.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bangkom.survey.domain.eligibility import Respondent
from bangkom.survey.domain.responses import LEARNING_MODES, Response, SupervisorRating


@dataclass(frozen=True)
class Observation:
    """One respondent's answer on one competency, with what the standard requires."""

    competency_code: str
    required_level: int
    importance: int
    self_level: int
    supervisor_level: int | None = None
    learning_mode: str | None = None

    @property
    def perceived_level(self) -> int:
        return self.supervisor_level if self.supervisor_level is not None else self.self_level

    @property
    def gap(self) -> int:
        return max(self.required_level - self.perceived_level, 0)


@dataclass(frozen=True)
class Need:
    competency_code: str
    competency_name: str
    respondents: int
    respondents_with_gap: int
    mean_importance: float
    mean_gap: float
    share_with_gap: float
    priority: float
    rank: int
    learning_modes: dict[str, int] = field(default_factory=dict)

    @property
    def preferred_learning_mode(self) -> str | None:
        """The mode most respondents chose (ties: the catalog's order)."""
        if not self.learning_modes:
            return None
        return max(
            self.learning_modes,
            key=lambda m: (self.learning_modes[m], -LEARNING_MODES.index(m)),
        )


@dataclass(frozen=True)
class AgencyNeeds:
    agency_code: str
    headcount: int  # eligible respondents (the snapshot, without the excluded)
    respondents: int  # of whom answered
    needs: tuple[Need, ...]


def observations(
    respondent: Respondent, response: Response, rating: SupervisorRating | None
) -> list[Observation]:
    supervisor = rating.levels if rating else {}
    return [
        Observation(
            competency_code=answer.competency_code,
            required_level=respondent.required[answer.competency_code],
            importance=answer.importance,
            self_level=answer.self_level,
            supervisor_level=supervisor.get(answer.competency_code),
            learning_mode=answer.learning_mode,
        )
        for answer in response.answers
        if answer.competency_code in respondent.required
    ]


def rank_needs(
    observed: Iterable[Observation], names: Mapping[str, str] | None = None
) -> list[Need]:
    by_competency: dict[str, list[Observation]] = {}
    for observation in observed:
        by_competency.setdefault(observation.competency_code, []).append(observation)
    scored = []
    for code, group in by_competency.items():
        count = len(group)
        with_gap = sum(1 for o in group if o.gap > 0)
        mean_importance = sum(o.importance for o in group) / count
        mean_gap = sum(o.gap for o in group) / count
        share = with_gap / count
        priority = mean_importance * mean_gap * share
        modes = Counter(o.learning_mode for o in group if o.learning_mode)
        scored.append((priority, mean_importance, count, code, with_gap, mean_gap, share, modes))
    scored.sort(key=lambda s: (-s[0], -s[1], -s[2], s[3]))
    return [
        Need(
            competency_code=code,
            competency_name=(names or {}).get(code, code),
            respondents=count,
            respondents_with_gap=with_gap,
            mean_importance=round(mean_importance, 2),
            mean_gap=round(mean_gap, 2),
            share_with_gap=round(share, 2),
            priority=round(priority, 3),
            rank=rank,
            learning_modes=dict(sorted(modes.items())),
        )
        for rank, (priority, mean_importance, count, code, with_gap, mean_gap, share, modes) in (
            enumerate(scored, start=1)
        )
    ]


def agency_needs(
    agency_code: str,
    respondents: Iterable[Respondent],
    responses: Mapping[str, Response],
    ratings: Mapping[str, SupervisorRating],
    names: Mapping[str, str] | None = None,
) -> AgencyNeeds:
    """The needs of one survey agency from its respondents' answers (the excluded left out)."""
    counted = [r for r in respondents if not r.excluded and r.survey_agency == agency_code]
    answered = [r for r in counted if r.nip in responses]
    observed = [o for r in answered for o in observations(r, responses[r.nip], ratings.get(r.nip))]
    return AgencyNeeds(
        agency_code=agency_code,
        headcount=len(counted),
        respondents=len(answered),
        needs=tuple(rank_needs(observed, names)),
    )
