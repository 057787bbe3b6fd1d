"""Recording an assessment result for an employee; gaps and proposals follow."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time

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
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Json:
    require_staff(viewer)
    return await apis.record_result(
        {
            "nip": nip,
            "competency_code": competency_code,
            "level": level,
            "method": method,
            "evaluated_at": business_time(assessed_on, now()).isoformat(),
            "assessor": viewer.name,
        }
    )


def business_time(assessed_on: date, now: datetime) -> datetime:
    """The assessment's day at noon WIB, a time inside that day; an assessment of today
    recorded in the morning is at the moment it is recorded (noon has not come, and the
    service refuses a time still to come)."""
    return min(datetime.combine(assessed_on, time(12), WIB), now.astimezone(WIB))
