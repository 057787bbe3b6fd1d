"""Recording an assessment result for an employee; gaps and proposals follow."""

from __future__ import annotations

from datetime import date, datetime, time

from bangkom.console.handlers.access import require_staff
from bangkom.console.handlers.ports import Apis, Json
from bangkom.console.handlers.viewer import Viewer
from bangkom.kernel.calendar import WIB


async def record_result(
    apis: Apis,
    viewer: Viewer,
    nip: str,
    *,
    competency_code: str,
    level: int,
    method: str,
    assessed_on: date,
) -> Json:
    require_staff(viewer)
    return await apis.record_result(
        {
            "nip": nip,
            "competency_code": competency_code,
            "level": level,
            "method": method,
            # The assessment's day, at noon WIB: a business time inside that day.
            "evaluated_at": datetime.combine(assessed_on, time(12), WIB).isoformat(),
            "assessor": viewer.name,
        }
    )
