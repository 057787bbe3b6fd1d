"""Deciding proposals: one, or several accepted at once."""

from __future__ import annotations

from collections.abc import Sequence

from bangkom.console.handlers.access import require_staff
from bangkom.console.handlers.ports import Apis, Json, Refused
from bangkom.console.handlers.viewer import Viewer


async def decide(apis: Apis, viewer: Viewer, proposal_id: str, *, accept: bool, note: str) -> Json:
    require_staff(viewer)
    if not accept and not note.strip():
        raise Refused("Alasan penolakan wajib diisi.")
    return await apis.decide(proposal_id, accept=accept, reason=note.strip() or None)


async def accept_all(apis: Apis, viewer: Viewer, proposal_ids: Sequence[str]) -> list[str]:
    """Accept each; return the refusals (a proposal decided meanwhile, say), so that
    one refusal does not stop the others."""
    require_staff(viewer)
    refusals = []
    for proposal_id in proposal_ids:
        try:
            await apis.decide(proposal_id, accept=True, reason=None)
        except Refused as refused:
            refusals.append(str(refused))
    return refusals
