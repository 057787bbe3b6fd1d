"""The newer event wins: events carry the business time of the state they describe
(``changed_at``, ``aggregated_at``, ...), and a consumer keeps a state only while no
newer one is known, so a late or replayed older event never overwrites a newer fact.
"""

from __future__ import annotations

from datetime import datetime
from typing import Self


def supersedes_state(incoming_at: datetime, known_at: datetime | None) -> bool:
    """True when the state stamped ``incoming_at`` replaces the one held, stamped
    ``known_at`` (None: nothing is held yet).

    The tie-break: at an equal business time the incoming state wins, i.e. the event
    later in the log. Events about one entity share a key, so their order in the log is
    the order their producer committed them, and two changes of one entity in one
    transaction carry the same time (training promotes a waitlisted person and links
    their proposal at one instant; an import names an employee twice): the later one is
    the current state. A redelivered event is stopped by the consumer's inbox, not here,
    and a replay of the log ends in the same state. Every consumer of every service
    decides with this one function.
    """
    return known_at is None or incoming_at >= known_at


class Stamped:
    """A state stamped with its business time, ``changed_at`` (a field of the dataclass
    that mixes this in)."""

    changed_at: datetime

    def is_newer_than(self, other: Self | None) -> bool:
        return supersedes_state(self.changed_at, other.changed_at if other else None)
