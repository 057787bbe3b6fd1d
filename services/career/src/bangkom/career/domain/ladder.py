"""Who may be a candidate for a position: the rank rules (configurable years).

A candidate holds a position one step below the target's on its ladder (PermenPANRB
on position types):

    structural:  pelaksana < pengawas < administrator < JPT pratama < JPT madya < JPT utama
    fungsional keahlian:    ahli pertama < ahli muda < ahli madya < ahli utama
    fungsional keterampilan: pemula < terampil < mahir < penyelia

is active, and has held their position for at least ``min_years_in_position`` years.
The roster carries no TMT jabatan: the time in position is counted from the business
time of the roster change that put the person in it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

LADDERS: tuple[tuple[str, ...], ...] = (
    ("pelaksana", "pengawas", "administrator", "jpt_pratama", "jpt_madya", "jpt_utama"),
    (
        "fungsional_ahli_pertama",
        "fungsional_ahli_muda",
        "fungsional_ahli_madya",
        "fungsional_ahli_utama",
    ),
    ("fungsional_pemula", "fungsional_terampil", "fungsional_mahir", "fungsional_penyelia"),
)
_BELOW = {ladder[i + 1]: ladder[i] for ladder in LADDERS for i in range(len(ladder) - 1)}
_ABOVE = {below: above for above, below in _BELOW.items()}
DAYS_A_YEAR = 365.25


def type_below(position_type: str | None) -> str | None:
    """The type a candidate for ``position_type`` holds; None at the bottom or unknown."""
    return _BELOW.get(position_type) if position_type else None


def type_above(position_type: str | None) -> str | None:
    return _ABOVE.get(position_type) if position_type else None


def in_position_since_at_most(as_of: datetime, min_years: float) -> datetime:
    """The latest start in position that still counts ``min_years`` years on ``as_of``."""
    return as_of - timedelta(days=min_years * DAYS_A_YEAR)


def years_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 86400 / DAYS_A_YEAR
