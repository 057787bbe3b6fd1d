"""Learning records in (xAPI): platforms, their statements, and the mappings that turn a
completed or passed statement into a completion through the usual reported-training
path (so its JP, its event and the L3 evaluation follow as for any completion)."""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import datetime

from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import Conflict, InvalidInput
from bangkom.training.domain.completions import CompletionSource
from bangkom.training.domain.xapi import (
    LearningPlatform,
    Statement,
    StatementConflict,
    StatementStatus,
    same_statement,
    secret_digest,
)
from bangkom.training.handlers import commands
from bangkom.training.handlers.access import managed_employee, require_curator, require_writer
from bangkom.training.handlers.on_commands.completions import (
    ReportedTraining,
    check_time,
    record_reported,
)
from bangkom.training.handlers.ports import TrainingUnitOfWork

NIP_LENGTH = 18  # a NIP or an NI PPPK


async def register_learning_platform(
    cmd: commands.RegisterLearningPlatform, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> tuple[LearningPlatform, str]:
    """The platform and its new secret (shown once; registering again replaces it)."""
    require_curator(cmd.caller)
    secret = secrets.token_urlsafe(32)
    earlier = await uow.xapi.platform(cmd.code)
    platform = LearningPlatform(
        code=cmd.code,
        name=cmd.name,
        secret_digest=secret_digest(secret),
        registered_at=earlier.registered_at if earlier else clock(),
    )
    await uow.xapi.save_platform(platform)
    uow.audit(
        "register_learning_platform",
        "xapi_platform",
        cmd.code,
        before={"name": earlier.name} if earlier else None,
        after={"name": cmd.name, "secret": "renewed"},
    )
    return platform, secret


async def map_activity(
    cmd: commands.MapActivity, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> int:
    """Map the activity to a course; the statements waiting for it are applied (their
    number is returned)."""
    require_curator(cmd.caller)
    if await uow.courses.get(cmd.course_code) is None:
        raise InvalidInput(f"course {cmd.course_code} is not in the catalog", field="course_code")
    earlier = await uow.xapi.course_of(cmd.activity_id)
    if earlier is not None and earlier != cmd.course_code:
        raise Conflict(f"activity {cmd.activity_id} is mapped to course {earlier} already")
    now = clock()
    await uow.xapi.map_activity(cmd.activity_id, cmd.course_code, cmd.caller.subject, now)
    uow.audit(
        "map_xapi_activity",
        "xapi_activity",
        cmd.activity_id,
        after={"course_code": cmd.course_code},
    )
    return await apply_waiting(uow, await uow.xapi.waiting(activity_id=cmd.activity_id), now)


async def register_actor(
    cmd: commands.RegisterActor, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> int:
    """Register an employee's mailbox; the statements waiting for it are applied."""
    require_writer(cmd.caller)
    employee = await managed_employee(uow, cmd.caller, cmd.nip)
    mbox = cmd.mbox.lower()
    earlier = await uow.xapi.nip_of(mbox)
    if earlier is not None and earlier != employee.nip:
        raise Conflict(f"mailbox {mbox} is registered to another employee already")
    now = clock()
    await uow.xapi.register_actor(mbox, employee.nip, cmd.caller.subject, now)
    uow.audit(
        "register_xapi_actor",
        "xapi_actor",
        mbox,
        agency_code=employee.agency_code,
        after={"nip": employee.nip},
    )
    return await apply_waiting(uow, await uow.xapi.waiting(mbox=mbox), now)


async def store_statements(
    cmd: commands.StoreStatements, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> list[str]:
    """Store each statement once (one sent again unchanged is a no-op, with other content
    a 409 for the whole batch) and apply those that are completions."""
    now = clock()
    sent: dict[str, Statement] = {}
    for statement in cmd.statements:
        try:
            if statement.id in sent and same_statement(sent[statement.id], statement):
                continue
            sent[statement.id] = statement
            stored = await uow.xapi.statement(statement.id)
            if stored is not None and same_statement(stored, statement):
                continue
        except StatementConflict as exc:
            raise Conflict(str(exc)) from exc
        try:
            check_time(statement.timestamp, now)
        except InvalidInput as exc:
            raise InvalidInput(f"statement {statement.id}: {exc}", field="timestamp") from exc
        arrived = replace(statement, platform_code=cmd.platform_code, stored_at=now)
        await uow.xapi.save_statement(await _apply(uow, arrived, now))
    return [s.id for s in cmd.statements]


async def store_pulled_statements(
    cmd: commands.StorePulledStatements, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> list[str]:
    """Store a page read from another LRS; the last page of a pull moves its checkpoint
    in the same transaction (a pull cut short reads again from the last checkpoint, and
    what it reads again changes nothing)."""
    ids = await store_statements(
        commands.StoreStatements(platform_code=cmd.platform_code, statements=cmd.statements),
        uow,
        clock,
    )
    if cmd.until is not None:
        await uow.xapi.save_pulled_since(cmd.source, cmd.until)
    return ids


async def apply_waiting(uow: TrainingUnitOfWork, waiting: list[Statement], now: datetime) -> int:
    """Try the statements again (a mapping or an employee arrived); the number applied."""
    applied = 0
    for statement in waiting:
        outcome = await _apply(uow, statement, now)
        await uow.xapi.save_statement(outcome)
        applied += outcome.status is StatementStatus.APPLIED
    return applied


async def _nip_of(uow: TrainingUnitOfWork, statement: Statement) -> str | None:
    """The account name when it is a NIP (the roster checked it), else whose mailbox."""
    account = statement.account_name or ""
    if len(account) == NIP_LENGTH and account.isdigit():
        return account
    return await uow.xapi.nip_of(statement.mbox) if statement.mbox else None


async def _apply(uow: TrainingUnitOfWork, statement: Statement, now: datetime) -> Statement:
    """The statement as a completion (applied), or why it waits (unmapped) or does not
    count (ignored). One attempt (registration) gives one completion."""
    if not statement.counts_as_completion:
        return replace(
            statement,
            status=StatementStatus.IGNORED,
            reason="the verb is neither completed nor passed",
        )
    course_code = await uow.xapi.course_of(statement.activity_id)
    nip = await _nip_of(uow, statement)
    employee = await uow.employees.get(nip) if nip else None
    missing = [
        *(["the activity is not mapped to a course"] if course_code is None else []),
        *(
            ["the actor is not a known employee (account name = NIP, or a registered mailbox)"]
            if employee is None
            else []
        ),
    ]
    course = await uow.courses.get(course_code) if course_code else None
    if missing or employee is None or course is None:
        return replace(statement, status=StatementStatus.UNMAPPED, reason="; ".join(missing))
    earlier = await uow.completions.reported(
        employee.nip, CompletionSource.LMS.value, statement.attempt
    )
    if earlier is None:
        earlier = await record_reported(
            uow,
            ReportedTraining(
                employee=employee,
                source=CompletionSource.LMS,
                reference=statement.attempt,
                outcome=statement.outcome,
                completed_at=statement.timestamp,
                course=course,
            ),
            recorded_by=f"xapi:{statement.platform_code}",
            now=now,
        )
    return replace(statement, status=StatementStatus.APPLIED, reason=None, completion_id=earlier.id)
