"""Commands the recommendation service accepts."""

from __future__ import annotations

from dataclasses import dataclass

from bangkom.platform.auth import Caller


@dataclass(frozen=True)
class DecideProposal:
    """Accept (to be enrolled) or reject (with a reason) a proposal."""

    caller: Caller
    proposal_id: str
    accept: bool
    reason: str | None = None
