"""Survei kepuasan masyarakat: a unit's SKM periods for its HR office, one period to
print its QR code, and the public's form of a period."""

from __future__ import annotations

from bangkom.console.handlers.access import require_staff
from bangkom.console.handlers.ports import Apis, Json, PublicSurvey
from bangkom.console.handlers.viewer import Viewer


async def satisfaction_periods(apis: Apis, viewer: Viewer) -> list[Json]:
    require_staff(viewer)
    return await apis.satisfaction_periods()


async def satisfaction_period(apis: Apis, viewer: Viewer, period_id: str) -> Json:
    """NotAuthorised when the period is not of the person's units."""
    require_staff(viewer)
    return await apis.satisfaction_period(period_id)


async def satisfaction_report(apis: Apis, viewer: Viewer, period_id: str) -> Json:
    """Results per element, per group of respondents and per period (NotAuthorised)."""
    require_staff(viewer)
    return await apis.satisfaction_report(period_id)


async def satisfaction_report_file(apis: Apis, viewer: Viewer, period_id: str, kind: str) -> bytes:
    require_staff(viewer)
    return await apis.satisfaction_report_file(period_id, kind)


async def public_form(public: PublicSurvey, period_id: str) -> Json | None:
    """The period as the public sees it, its id with it; None when there is none."""
    found = await public.period(period_id)
    return {**found, "id": period_id} if found else None
