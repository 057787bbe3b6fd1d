"""Evaluasi pascapelatihan: the evaluations of the person's agencies by state, and
one evaluation with what was recorded at each level."""

from __future__ import annotations

from bangkom.console.handlers.access import require_staff
from bangkom.console.handlers.ports import Apis, Json
from bangkom.console.handlers.viewer import Viewer


async def evaluations(apis: Apis, viewer: Viewer, status: str | None) -> list[Json]:
    require_staff(viewer)
    return await apis.training_evaluations(status)


async def evaluation(apis: Apis, viewer: Viewer, evaluation_id: str) -> Json:
    require_staff(viewer)
    return await apis.training_evaluation(evaluation_id)
