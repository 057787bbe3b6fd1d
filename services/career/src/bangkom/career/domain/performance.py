"""Performance (kinerja): the yearly SKP predicate of PermenPANRB 6/2022, and the
performance row of the nine-box it puts an employee in (PermenPANRB 3/2020):

    Sangat Baik                            -> di atas ekspektasi
    Baik                                   -> sesuai ekspektasi
    Butuh Perbaikan, Kurang, Sangat Kurang -> di bawah ekspektasi

The nine-box uses the rating of the latest year recorded; a rating recorded again for a
year replaces the earlier one when its business time is later.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bangkom.kernel.business_time import supersedes_state


class SkpPredicate(StrEnum):
    SANGAT_BAIK = "sangat_baik"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"


PREDICATE_NAMES = {
    SkpPredicate.SANGAT_BAIK: "Sangat Baik",
    SkpPredicate.BAIK: "Baik",
    SkpPredicate.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    SkpPredicate.KURANG: "Kurang",
    SkpPredicate.SANGAT_KURANG: "Sangat Kurang",
}


class PerformanceClass(StrEnum):
    BELOW = "di_bawah_ekspektasi"
    MEETS = "sesuai_ekspektasi"
    ABOVE = "di_atas_ekspektasi"


def predicate_of(text: str) -> SkpPredicate:
    """A predicate as people write it ('Sangat Baik', 'butuh perbaikan', 'sangat_kurang')."""
    key = "_".join(text.strip().lower().replace("-", " ").split())
    try:
        return SkpPredicate(key)
    except ValueError:
        names = ", ".join(PREDICATE_NAMES.values())
        raise ValueError(f"unknown SKP predicate {text!r} (one of {names})") from None


def performance_class(predicate: SkpPredicate) -> PerformanceClass:
    if predicate is SkpPredicate.SANGAT_BAIK:
        return PerformanceClass.ABOVE
    if predicate is SkpPredicate.BAIK:
        return PerformanceClass.MEETS
    return PerformanceClass.BELOW


@dataclass(frozen=True)
class Rating:
    nip: str
    year: int
    predicate: SkpPredicate
    rated_at: datetime

    def replaces(self, held: Rating | None) -> bool:
        """True when this rating is the one to keep for its year."""
        return held is None or supersedes_state(self.rated_at, held.rated_at)


def latest(ratings: Iterable[Rating]) -> Rating | None:
    """The rating the nine-box uses: that of the latest year."""
    return max(ratings, key=lambda r: r.year, default=None)
