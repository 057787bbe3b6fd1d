"""Succession pools of critical positions and when they raise an alert.

A pool holds the best ``pool_size`` candidates of the position's ranking who are at least
*siap 1-2 tahun* (readiness rule), best first. An alert is raised when:

- fewer than ``minimum_ready`` (2) members are ready now, and the pool was not already
  short (an alert once per shortage; it re-arms when the pool recovers);
- a member left the pool because they are no longer a candidate (left the roster,
  moved to another position) -- not when someone better merely displaced them;
- a member is placed in a lower nine-box than when last pooled.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from bangkom.career.domain.readiness import Candidate, Readiness

MINIMUM_READY = 2


class AlertReason(StrEnum):
    TOO_FEW_READY = "too_few_ready"
    MEMBER_LEFT = "member_left"
    MEMBER_DROPPED_BOX = "member_dropped_box"


@dataclass(frozen=True)
class Member:
    nip: str
    rank: int
    jpm: float
    readiness: Readiness
    box: int | None


@dataclass(frozen=True)
class Alert:
    reason: AlertReason
    message: str
    nip: str | None = None


def pool_of(ranked: Iterable[Candidate], size: int) -> list[Member]:
    chosen = [c for c in ranked if c.readiness is not Readiness.NOT_READY][:size]
    return [
        Member(c.nip, rank, c.jpm, c.readiness, c.box) for rank, c in enumerate(chosen, start=1)
    ]


def ready_now(members: Sequence[Member]) -> int:
    return sum(1 for m in members if m.readiness is Readiness.READY_NOW)


def alerts(
    position_code: str,
    before: Sequence[Member],
    after: Sequence[Member],
    *,
    still_candidates: set[str],
    boxes_now: dict[str, int | None],
    was_short: bool,
    minimum_ready: int = MINIMUM_READY,
) -> list[Alert]:
    """What the change of a pool from ``before`` to ``after`` must raise.
    ``still_candidates``: NIPs of the former members who are still candidates;
    ``boxes_now``: their current boxes."""
    raised: list[Alert] = []
    for member in before:
        if member.nip not in still_candidates:
            raised.append(
                Alert(
                    AlertReason.MEMBER_LEFT,
                    f"Anggota kelompok suksesi {member.nip} untuk jabatan {position_code} "
                    "tidak lagi menjadi kandidat (pindah jabatan atau keluar)",
                    member.nip,
                )
            )
            continue
        box = boxes_now.get(member.nip)
        if member.box is not None and (box is None or box < member.box):
            raised.append(
                Alert(
                    AlertReason.MEMBER_DROPPED_BOX,
                    f"Anggota kelompok suksesi {member.nip} untuk jabatan {position_code} "
                    f"turun dari kotak {member.box} ke {box if box is not None else '-'}",
                    member.nip,
                )
            )
    ready = ready_now(after)
    if ready < minimum_ready and not was_short:
        raised.append(
            Alert(
                AlertReason.TOO_FEW_READY,
                f"Jabatan kritis {position_code} hanya memiliki {ready} suksesor siap sekarang "
                f"(minimal {minimum_ready})",
            )
        )
    return raised
