"""SKM periods of a service unit: opened and closed by its operators; answered by the
public, without an account, while open; scored and published when closed."""

from __future__ import annotations

import uuid

from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import Conflict, InvalidInput, NotFound
from bangkom.survey.domain.satisfaction import (
    InvalidAnswer,
    PeriodClosed,
    SatisfactionPeriod,
    score,
)
from bangkom.survey.handlers import commands
from bangkom.survey.handlers.access import require_agencies
from bangkom.survey.handlers.lookups import known_agencies
from bangkom.survey.handlers.ports import SurveyUnitOfWork
from bangkom.survey.handlers.publishing import public_satisfaction_published


async def open_period(
    cmd: commands.OpenSatisfactionPeriod, uow: SurveyUnitOfWork, clock: Clock = utc_now
) -> SatisfactionPeriod:
    require_agencies(cmd.caller, (cmd.unit_code,))
    await known_agencies(uow, (cmd.unit_code,), field="unit_code")
    period = SatisfactionPeriod(
        id=str(uuid.uuid4()),
        unit_code=cmd.unit_code,
        label=cmd.label,
        population=cmd.population,
        opened_by=cmd.caller.subject,
        opened_at=clock(),
    )
    await uow.satisfaction.add_period(period)
    uow.audit(
        "open_satisfaction_period",
        "satisfaction_period",
        period.id,
        agency_code=period.unit_code,
        after=period,
    )
    return period


async def close_period(
    cmd: commands.CloseSatisfactionPeriod, uow: SurveyUnitOfWork, clock: Clock = utc_now
) -> SatisfactionPeriod:
    period = await uow.satisfaction.period(cmd.period_id, lock="update")
    if period is None or not cmd.caller.may_manage_agency(period.unit_code):
        raise NotFound(f"satisfaction period {cmd.period_id} not found")
    try:
        period.close(clock())
    except PeriodClosed as exc:
        raise Conflict(str(exc)) from exc
    await uow.satisfaction.save_period(period)
    scored = score(await uow.satisfaction.ratings(period.id))
    if scored.respondents:  # a period nobody answered has no IKM to publish
        uow.publish(public_satisfaction_published(period, scored))
    uow.audit(
        "close_satisfaction_period",
        "satisfaction_period",
        period.id,
        agency_code=period.unit_code,
        after=period,
    )
    return period


async def submit_public_answer(
    cmd: commands.SubmitPublicAnswer, uow: SurveyUnitOfWork, clock: Clock = utc_now
) -> bool:
    """True when stored, False when this submission was stored before."""
    # Shared: a close waits for answers in flight, and no answer lands after it.
    period = await uow.satisfaction.period(cmd.period_id, lock="share")
    if period is None:
        raise NotFound(f"satisfaction period {cmd.period_id} not found")
    try:
        period.check_open()
        score([cmd.ratings])  # every element rated 1-4
    except PeriodClosed as exc:
        raise Conflict(str(exc)) from exc
    except InvalidAnswer as exc:
        raise InvalidInput(str(exc), field="ratings") from exc
    return await uow.satisfaction.add_response(
        period.id, cmd.submission_id, cmd.ratings, cmd.respondent, cmd.suggestion, clock()
    )
