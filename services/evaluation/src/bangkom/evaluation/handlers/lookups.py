"""Lookups several handlers share, with the client error each one implies."""

from __future__ import annotations

from bangkom.evaluation.domain.agency import Agency
from bangkom.evaluation.domain.framework import Framework
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.kernel.agencies import covers
from bangkom.platform.errors import InvalidInput, NotFound


async def current_framework(uow: EvaluationUnitOfWork) -> Framework:
    framework = await uow.frameworks.current()
    if framework is None:
        raise NotFound("no competency framework has been published yet")
    return framework


async def active_agency(
    uow: EvaluationUnitOfWork, code: str, *, field: str = "agency_code"
) -> Agency:
    agency = await uow.agencies.get(code)
    if agency is None or not agency.active:
        raise InvalidInput(
            f"instansi {code} tidak ada atau tidak aktif", field=field, code="agency_unknown"
        )
    return agency


async def defined_technical(
    uow: EvaluationUnitOfWork, code: str, agency_code: str, *, field: str
) -> None:
    """A technical competency must be defined, by the agency or one above it."""
    found = await uow.technical.get(code)
    if found is None:
        raise InvalidInput(
            f"kompetensi teknis {code} belum didefinisikan", field=field, code="technical_unknown"
        )
    owner = found[0].agency_code or ""
    if not covers(owner, agency_code):
        raise InvalidInput(
            f"kompetensi teknis {code} milik instansi {owner}, bukan {agency_code}",
            field=field,
            code="technical_of_another_agency",
        )
