"""Usulan pelatihan: the approval queue."""

from __future__ import annotations

from bangkom.console.handlers.access import require_staff
from bangkom.console.handlers.ports import Apis, Json
from bangkom.console.handlers.viewer import Viewer


async def proposals(apis: Apis, viewer: Viewer, status: str | None) -> list[Json]:
    """The approval queue: proposals of the person's agencies (their scope is the
    recommendation API's), newest first."""
    require_staff(viewer)
    return await apis.agency_proposals(status)
