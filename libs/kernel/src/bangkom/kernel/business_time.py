"""The newer event wins: events carry the business time of the state they describe
(``changed_at``, ``aggregated_at``, ...), and a consumer keeps a state only while no
newer one is known, so a late or replayed older event never overwrites a newer fact.
"""

from __future__ import annotations

from datetime import datetime


def supersedes_state(incoming_at: datetime, known_at: datetime | None) -> bool:
    """True when the state stamped ``incoming_at`` replaces the one held, stamped
    ``known_at`` (None: nothing is held yet).

    The tie-break is strict: an incoming state replaces the held one only when its
    business time is *later*. An equal business time leaves the state already held, so
    a replayed or redelivered event changes nothing (and the first state recorded at an
    instant stays). Every consumer of every service decides with this one function.
    """
    return known_at is None or incoming_at > known_at
