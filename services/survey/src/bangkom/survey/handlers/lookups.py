"""Reference data a command must name correctly: the agencies the evaluation service
has published."""

from __future__ import annotations

from collections.abc import Collection

from bangkom.platform.errors import InvalidInput
from bangkom.survey.handlers.ports import SurveyUnitOfWork


async def known_agencies(uow: SurveyUnitOfWork, codes: Collection[str], *, field: str) -> None:
    """Each of ``codes`` is an active agency. One created a moment ago in the evaluation
    service is known here once its event arrives (usually well under a second)."""
    unknown = sorted(set(codes) - await uow.agencies.active(codes))
    if unknown:
        raise InvalidInput(
            f"instansi {', '.join(unknown)} tidak dikenal atau tidak aktif",
            field=field,
            code="agency_unknown",
        )
