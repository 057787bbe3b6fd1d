"""SKP ratings and potential assessments, by the operators of the employee's agency."""

from __future__ import annotations

from dataclasses import dataclass

from bangkom.career.domain.performance import Rating, predicate_of
from bangkom.career.handlers import commands
from bangkom.career.handlers.access import managed_employee
from bangkom.career.handlers.policy import DEFAULT_POLICY, Policy
from bangkom.career.handlers.ports import CareerUnitOfWork
from bangkom.career.handlers.publishing import performance_rated, potential_assessed
from bangkom.career.handlers.talent import settle
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import InvalidInput, NotFound

FIRST_YEAR, LAST_YEAR = 2000, 2100


async def record_rating(
    cmd: commands.RecordRating,
    uow: CareerUnitOfWork,
    policy: Policy = DEFAULT_POLICY,
    clock: Clock = utc_now,
) -> Rating:
    rating = await _record(uow, cmd, clock)
    await settle(uow, policy, clock)
    return rating


async def _record(uow: CareerUnitOfWork, cmd: commands.RecordRating, clock: Clock) -> Rating:
    employee = await managed_employee(uow, cmd.caller, cmd.nip)
    if not FIRST_YEAR <= cmd.year <= LAST_YEAR:
        raise InvalidInput(f"year {cmd.year} is not {FIRST_YEAR}-{LAST_YEAR}", field="year")
    try:
        predicate = predicate_of(cmd.predicate)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="predicate") from exc
    rating = Rating(cmd.nip, cmd.year, predicate, cmd.rated_at or clock())
    held = await uow.ratings.get(cmd.nip, cmd.year)
    if not rating.replaces(held):
        return held or rating
    await uow.ratings.save(rating, employee.agency_code)
    uow.publish(performance_rated(rating, employee.agency_code))
    uow.audit(
        "record_rating",
        "rating",
        f"{cmd.nip}:{cmd.year}",
        agency_code=employee.agency_code,
        before=held,
        after=rating,
    )
    uow.due.employee(cmd.nip, rating.rated_at)
    return rating


@dataclass(frozen=True)
class RowError:
    row: int
    field: str | None
    message: str


@dataclass(frozen=True)
class ImportReport:
    rows: int
    recorded: int
    errors: list[RowError]


async def import_ratings(
    cmd: commands.ImportRatings,
    uow: CareerUnitOfWork,
    policy: Policy = DEFAULT_POLICY,
    clock: Clock = utc_now,
) -> ImportReport:
    """Every valid row is recorded; each invalid one is reported with its field."""
    errors: list[RowError] = []
    recorded = 0
    for row in cmd.rows:
        if row.problem is not None:
            errors.append(RowError(row.row, "nip", row.problem))
            continue
        try:
            year = int(row.year.strip())
        except ValueError:
            errors.append(RowError(row.row, "year", f"year {row.year!r} is not a number"))
            continue
        try:
            await _record(
                uow,
                commands.RecordRating(cmd.caller, row.nip.strip(), year, row.predicate),
                clock,
            )
        except (InvalidInput, NotFound) as exc:
            errors.append(RowError(row.row, exc.field, str(exc)))
            continue
        recorded += 1
    await settle(uow, policy, clock)
    return ImportReport(rows=len(cmd.rows), recorded=recorded, errors=errors)


async def record_potential_assessment(
    cmd: commands.RecordPotentialAssessment,
    uow: CareerUnitOfWork,
    policy: Policy = DEFAULT_POLICY,
    clock: Clock = utc_now,
) -> float:
    employee = await managed_employee(uow, cmd.caller, cmd.nip)
    if not 0.0 <= cmd.score <= 100.0:
        raise InvalidInput(f"score {cmd.score} is not 0-100", field="score")
    at = cmd.assessed_at or clock()
    held = await uow.assessments.get(cmd.nip)
    if held is not None and held[1] >= at:
        return held[0]
    await uow.assessments.save(cmd.nip, cmd.score, at)
    uow.publish(potential_assessed(cmd.nip, employee.agency_code, cmd.score, at))
    uow.audit(
        "record_potential_assessment",
        "potential_assessment",
        cmd.nip,
        agency_code=employee.agency_code,
        before={"score": held[0]} if held else None,
        after={"score": cmd.score},
    )
    uow.due.employee(cmd.nip, at)
    await settle(uow, policy, clock)
    return cmd.score
