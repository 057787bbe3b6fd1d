"""Readiness for a target position, from the JPM against *that* position's standard
(every competency of it: managerial, socio-cultural and technical). Thresholds
(``ReadinessRule``, configurable; the defaults are the JPM bands of talent mapping):

- *siap sekarang* (ready now): JPM >= 90 and every competency of the standard assessed;
- *siap 1-2 tahun* (ready in 1-2 years): JPM >= 78, or JPM >= 90 with a competency never
  assessed (an assessment, not a training, decides whether they are ready now);
- *belum siap* (not ready): below 78.

Candidates are ranked: ready now first, then ready in 1-2 years, then not ready; within a
class by JPM (higher first), then by nine-box (higher first, unplaced last), then NIP.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bangkom.career.domain.potential import InvalidRule
from bangkom.kernel.jpm import CUKUP_OPTIMAL_FROM, OPTIMAL_FROM, Match


class Readiness(StrEnum):
    READY_NOW = "siap_sekarang"
    READY_SOON = "siap_1_2_tahun"
    NOT_READY = "belum_siap"


READINESS_NAMES = {
    Readiness.READY_NOW: "Siap sekarang",
    Readiness.READY_SOON: "Siap 1-2 tahun",
    Readiness.NOT_READY: "Belum siap",
}
_ORDER = {Readiness.READY_NOW: 0, Readiness.READY_SOON: 1, Readiness.NOT_READY: 2}


@dataclass(frozen=True)
class ReadinessRule:
    ready_now_from: float = OPTIMAL_FROM
    ready_soon_from: float = CUKUP_OPTIMAL_FROM

    def __post_init__(self) -> None:
        if not 0.0 <= self.ready_soon_from <= self.ready_now_from <= 100.0:
            raise InvalidRule(
                f"need 0 <= ready_soon_from ({self.ready_soon_from}) <= "
                f"ready_now_from ({self.ready_now_from}) <= 100"
            )


DEFAULT_READINESS = ReadinessRule()


def readiness(found: Match, rule: ReadinessRule = DEFAULT_READINESS) -> Readiness:
    jpm = found.jpm
    if jpm is None:
        return Readiness.NOT_READY
    if jpm >= rule.ready_now_from and found.unknown == 0:
        return Readiness.READY_NOW
    if jpm >= rule.ready_soon_from:
        return Readiness.READY_SOON
    return Readiness.NOT_READY


@dataclass(frozen=True)
class Candidate:
    nip: str
    agency_code: str
    position_code: str
    match: Match
    readiness: Readiness
    box: int | None

    @property
    def jpm(self) -> float:
        return self.match.jpm or 0.0


def rank_key(candidate: Candidate) -> tuple[int, float, int, str]:
    return (
        _ORDER[candidate.readiness],
        -candidate.jpm,
        -(candidate.box or 0),
        candidate.nip,
    )


def ranked(candidates: Iterable[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=rank_key)
