"""Deciding proposals: one, or several accepted at once; an employee accepting their
own where the recommendation service lets them (a free, self-paced course)."""

from __future__ import annotations

from collections.abc import Sequence

from bangkom.console.handlers.access import require_own_nip, require_staff
from bangkom.console.handlers.ports import Apis, Json, NotAuthorised, Refused
from bangkom.console.handlers.viewer import Viewer

NOT_SELF_ACCEPTABLE = (
    "Usulan ini tidak dapat Anda terima sendiri; operator instansi atau atasan Anda "
    "yang memutuskannya."
)


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


async def accept_own(apis: Apis, viewer: Viewer, proposal_id: str) -> Json:
    """The employee accepts a proposal made for them. The recommendation service decides
    whether they may (it shows which with ``self_acceptable``); its refusal, or a
    proposal that is not theirs, reads the same to them."""
    require_own_nip(viewer)
    try:
        return await apis.decide(proposal_id, accept=True, reason=None)
    except NotAuthorised as refused:
        raise Refused(NOT_SELF_ACCEPTABLE) from refused
