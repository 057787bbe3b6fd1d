"""The newer event wins; at an equal business time the event later in the log wins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest

from bangkom.kernel.business_time import Stamped, supersedes_state
from tests.rule_cases import NEWER_WINS


@pytest.mark.parametrize(("incoming", "known", "wins"), NEWER_WINS)
def test_a_state_replaces_the_held_one_unless_its_business_time_is_earlier(
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
