"""Which assessment result is current: the table of cases that recommendation's SQL is
held to as well (tests/integration/recommendation/test_precedence_sql.py)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from bangkom.kernel.precedence import (
    METHOD_RANK,
    AssessmentMethod,
    Precedence,
    Ranked,
    period_of,
    precedence_of,
    supersedes,
)
from tests.rule_cases import PRECEDENCE, Candidate, PrecedenceCase


def _key(candidate: Candidate) -> Precedence:
    return precedence_of(candidate.method, candidate.evaluated_at, candidate.result_id)


def _current(candidates: tuple[Candidate, ...]) -> str:
    """The result a consumer keeps, receiving the candidates in this order."""
    current: Precedence | None = None
    for candidate in candidates:
        if supersedes(_key(candidate), current):
            current = _key(candidate)
    assert current is not None
    return current.result_id


@pytest.mark.parametrize("case", PRECEDENCE, ids=lambda case: case.name)
def test_the_current_result_is_the_same_in_every_order_of_arrival(case: PrecedenceCase) -> None:
    for order in itertools.permutations(case.candidates):
        assert _current(order) == case.current


@pytest.mark.parametrize("case", PRECEDENCE, ids=lambda case: case.name)
def test_the_current_result_has_the_greatest_key(case: PrecedenceCase) -> None:
    assert max(case.candidates, key=_key).result_id == case.current


@pytest.mark.parametrize(
    ("moment", "period"),
    [
        (datetime(2025, 12, 31, 17, 30, tzinfo=UTC), 2026),  # 00:30 WIB, 1 January
        (datetime(2025, 12, 31, 16, 59, tzinfo=UTC), 2025),  # 23:59 WIB, 31 December
        (datetime(2026, 1, 1, 0, 0, tzinfo=UTC), 2026),
    ],
)
def test_the_period_is_the_calendar_year_in_wib(moment: datetime, period: int) -> None:
    assert period_of(moment) == period


def test_measured_methods_outweigh_a_supervisor_who_outweighs_a_self_assessment() -> None:
    measured = {
        AssessmentMethod.ASSESSMENT_CENTER,
        AssessmentMethod.CAT,
        AssessmentMethod.MULTI_RATER,
        AssessmentMethod.POST_TRAINING,
    }

    assert set(METHOD_RANK) == set(AssessmentMethod)
    assert {METHOD_RANK[m] for m in measured} == {3}
    assert METHOD_RANK[AssessmentMethod.SUPERVISOR] == 2
    assert METHOD_RANK[AssessmentMethod.SELF] == 1


def test_the_same_result_again_does_not_supersede_itself() -> None:
    key = precedence_of(AssessmentMethod.CAT, datetime(2026, 5, 5, tzinfo=UTC), "a")

    assert supersedes(key, None)
    assert not supersedes(key, key)


def test_a_ranked_result_supersedes_by_its_precedence_key() -> None:
    @dataclass(frozen=True)
    class Result(Ranked):
        method: AssessmentMethod
        evaluated_at: datetime
        id: str

        @property
        def precedence_key(self) -> Precedence:
            return precedence_of(self.method, self.evaluated_at, self.id)

    may = datetime(2026, 5, 5, tzinfo=UTC)
    supervisor = Result(AssessmentMethod.SUPERVISOR, may, "b")
    centre = Result(AssessmentMethod.ASSESSMENT_CENTER, may, "a")

    assert centre.supersedes(supervisor)
    assert not supervisor.supersedes(centre)
    assert supervisor.supersedes(None)
