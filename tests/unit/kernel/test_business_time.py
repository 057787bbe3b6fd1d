"""The newer event wins; an equal business time is the state already held."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from bangkom.kernel.business_time import Stamped, next_stamp, supersedes_state
from tests.rule_cases import NEWER_WINS


@pytest.mark.parametrize(("incoming", "known", "wins"), NEWER_WINS)
def test_a_state_replaces_the_held_one_only_when_its_business_time_is_later(
    incoming: datetime, known: datetime | None, wins: bool
) -> None:
    assert supersedes_state(incoming, known) is wins


@pytest.mark.parametrize(("incoming", "known", "wins"), NEWER_WINS)
def test_replaying_the_events_in_any_order_keeps_the_newest(
    incoming: datetime, known: datetime | None, wins: bool
) -> None:
    held: datetime | None = None
    for at in [incoming, known, incoming] if known else [incoming, incoming]:
        if supersedes_state(at, held):
            held = at
    assert held == max(incoming, known or incoming)


@pytest.mark.parametrize(("incoming", "known", "wins"), NEWER_WINS)
def test_a_stamped_state_is_newer_by_the_same_rule(
    incoming: datetime, known: datetime | None, wins: bool
) -> None:
    @dataclass(frozen=True)
    class State(Stamped):
        changed_at: datetime

    held = State(known) if known else None

    assert State(incoming).is_newer_than(held) is wins


@pytest.mark.parametrize(
    ("now", "previous", "stamped"),
    [
        (datetime(2026, 3, 2, 10, tzinfo=UTC), None, datetime(2026, 3, 2, 10, tzinfo=UTC)),
        (
            datetime(2026, 3, 2, 10, tzinfo=UTC),
            datetime(2026, 3, 2, 9, tzinfo=UTC),
            datetime(2026, 3, 2, 10, tzinfo=UTC),
        ),
        (  # a second change in the same transaction: a microsecond later
            datetime(2026, 3, 2, 10, tzinfo=UTC),
            datetime(2026, 3, 2, 10, tzinfo=UTC),
            datetime(2026, 3, 2, 10, 0, 0, 1, tzinfo=UTC),
        ),
    ],
)
def test_a_second_change_of_an_entity_is_stamped_after_the_first(
    now: datetime, previous: datetime | None, stamped: datetime
) -> None:
    assert next_stamp(now, previous) == stamped
    assert supersedes_state(next_stamp(now, previous), previous)
