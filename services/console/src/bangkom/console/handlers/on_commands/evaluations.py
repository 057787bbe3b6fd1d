"""Recording a level (L1-L4) of a post-training evaluation; the levels measured at L2
and L3 become assessment results, so the gaps follow."""

from __future__ import annotations

from collections.abc import Mapping

from bangkom.console.domain.evaluations import InvalidRecord, record_from_form
from bangkom.console.handlers.access import require_staff
from bangkom.console.handlers.ports import Apis, Json, Refused
from bangkom.console.handlers.viewer import Viewer


async def record_level(
    apis: Apis, viewer: Viewer, evaluation_id: str, level: int, form: Mapping[str, str]
) -> Json:
    require_staff(viewer)
    evaluation = await apis.training_evaluation(evaluation_id)
    try:
        record = record_from_form(level, form, evaluation["competencies"])
    except InvalidRecord as invalid:
        raise Refused(str(invalid)) from invalid
    return await apis.record_training_evaluation(evaluation_id, level, record)
