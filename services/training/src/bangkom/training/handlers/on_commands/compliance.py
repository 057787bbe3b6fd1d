"""The daily 20 JP check: which agencies fell behind the pace (see domain.ledger)."""

from __future__ import annotations

from dataclasses import dataclass

from bangkom.kernel.calendar import year_of
from bangkom.platform.catalog import ComplianceFellBehind
from bangkom.platform.clock import Clock, utc_now
from bangkom.training.domain.ledger import ComplianceAlert, ComplianceFigures, Pace
from bangkom.training.handlers import commands
from bangkom.training.handlers.access import require_curator
from bangkom.training.handlers.ports import TrainingUnitOfWork


@dataclass(frozen=True)
class ComplianceCheck:
    figures: ComplianceFigures
    pace: Pace
    alerted: bool  # ComplianceFellBehind published by this check


async def check_compliance(
    cmd: commands.CheckCompliance, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> list[ComplianceCheck]:
    """Publish ComplianceFellBehind for an agency that is behind now and was not at its
    last check, so that a daily check raises the alarm once per fall, not every day."""
    require_curator(cmd.caller)
    now = clock()
    year = cmd.year or year_of(now)
    await uow.compliance.hold_checks()
    previous = await uow.compliance.alerts(year)
    checks = []
    for figures in await uow.compliance.by_agency(year, None):
        pace = figures.pace(now)
        before = previous.get(figures.agency_code)
        alerted = pace.behind and not (before is not None and before.behind)
        if alerted:
            uow.publish(
                ComplianceFellBehind(
                    agency_code=figures.agency_code,
                    year=year,
                    employees=figures.employees,
                    below_target=figures.below_target,
                    jp_missing=figures.jp_missing,
                    expected_jp_to_date=round(pace.expected_jp, 2),
                    actual_jp_to_date=pace.actual_jp,
                    as_of=now,
                )
            )
        await uow.compliance.save_alert(
            ComplianceAlert(figures.agency_code, year, pace.behind, checked_at=now)
        )
        checks.append(ComplianceCheck(figures, pace, alerted))
    return checks
