"""The newer event wins: events carry the business time of the state they describe
(``changed_at``, ``aggregated_at``, ...), and a consumer keeps a state only while no
newer one is known, so a late or replayed older event never overwrites a newer fact.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Self


def supersedes_state(incoming_at: datetime, known_at: datetime | None) -> bool:
    """True when the state stamped ``incoming_at`` replaces the one held, stamped
    ``known_at`` (None: nothing is held yet).

    The tie-break is strict: an incoming state replaces the held one only when its
    business time is *later*. An equal business time is the state already held, seen
    again (a service consuming its own events, a replay, a redelivery): it changes and
    writes nothing. Producers keep their side of it with ``next_stamp``: two different
    states of one entity never carry the same time. Every consumer of every service
    decides with this one function.
    """
    return known_at is None or incoming_at > known_at


def next_stamp(now: datetime, previous: datetime | None) -> datetime:
    """The business time of a change to a state stamped ``previous``: ``now``, or a
    microsecond after ``previous`` when ``now`` is not later (a second change of the
    same entity in one transaction), so that consumers keep the later change."""
    if previous is None or now > previous:
        return now
    return previous + timedelta(microseconds=1)


class Stamped:
    """A state stamped with its business time, ``changed_at`` (a field of the dataclass
    that mixes this in)."""

    changed_at: datetime

    def is_newer_than(self, other: Self | None) -> bool:
        return supersedes_state(self.changed_at, other.changed_at if other else None)
