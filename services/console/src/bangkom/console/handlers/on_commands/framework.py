"""A new framework version that changes one position type's default standard: first
previewed (which positions it gives a new standard and how many employees' gaps it
recalculates), then published."""

from __future__ import annotations

from collections.abc import Mapping

from bangkom.console.handlers.access import require_admin
from bangkom.console.handlers.ports import Apis, Json
from bangkom.console.handlers.viewer import Viewer


def _version(position_type: str, levels: Mapping[str, int], note: str) -> Json:
    return {"position_type_defaults": {position_type: dict(levels)}, "note": note or None}


async def preview_defaults(
    apis: Apis, viewer: Viewer, position_type: str, levels: Mapping[str, int], note: str
) -> Json:
    require_admin(viewer)
    return await apis.preview_framework(_version(position_type, levels, note))


async def publish_defaults(
    apis: Apis, viewer: Viewer, position_type: str, levels: Mapping[str, int], note: str
) -> Json:
    require_admin(viewer)
    return await apis.publish_framework(_version(position_type, levels, note))
