"""Reads of the xAPI part: who a platform is, and what the platforms sent."""

from __future__ import annotations

import hmac

from bangkom.platform.auth import Caller
from bangkom.training.domain.xapi import (
    LearningPlatform,
    Statement,
    StatementStatus,
    secret_digest,
)
from bangkom.training.handlers.access import require_curator
from bangkom.training.handlers.ports import TrainingUnitOfWork


async def authenticated_platform(
    uow: TrainingUnitOfWork, code: str, secret: str
) -> LearningPlatform | None:
    """The platform whose credentials these are, else None."""
    platform = await uow.xapi.platform(code)
    if platform is None:
        return None
    return platform if hmac.compare_digest(platform.secret_digest, secret_digest(secret)) else None


async def received_statements(
    uow: TrainingUnitOfWork,
    caller: Caller,
    status: StatementStatus | None,
    *,
    limit: int,
    offset: int,
) -> list[Statement]:
    """Statements as received, the newest first: province admins and services only, as
    an unmapped statement belongs to nobody's agency yet."""
    require_curator(caller)
    return await uow.xapi.statements(status=status, limit=limit, offset=offset)
