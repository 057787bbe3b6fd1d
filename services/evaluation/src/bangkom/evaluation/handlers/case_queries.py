"""Reads of the CASE 1.0 service: packages of the framework versions the caller may see.

Without a token (``caller`` None) only the versions marked public exist; with one,
every version (the framework is the province's, read by every role). Anything else
looks absent, as in the other reads.
"""

from __future__ import annotations

from typing import Any

from bangkom.evaluation.domain.case import case_package
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.platform.auth import Caller
from bangkom.platform.errors import NotFound

Package = dict[str, Any]


async def case_packages(
    uow: EvaluationUnitOfWork, caller: Caller | None, base_uri: str
) -> list[Package]:
    """The packages the caller may read, the oldest version first."""
    history = await uow.frameworks.history()
    packages = []
    for previous, framework in zip([None, *history], history, strict=False):
        if caller is not None or framework.public:
            packages.append(case_package(framework, previous, base_uri))
    return packages


async def case_package_of(
    uow: EvaluationUnitOfWork, caller: Caller | None, base_uri: str, sourced_id: str
) -> Package:
    for package in await case_packages(uow, caller, base_uri):
        if package["CFDocument"]["identifier"] == sourced_id:
            return package
    raise NotFound(f"CFDocument {sourced_id} not found")


async def case_node(
    uow: EvaluationUnitOfWork,
    caller: Caller | None,
    base_uri: str,
    collection: str,
    sourced_id: str,
) -> dict[str, Any]:
    """One CFItem or CFAssociation (``collection`` names which) by its identifier."""
    for package in await case_packages(uow, caller, base_uri):
        for node in package[collection]:
            if node["identifier"] == sourced_id:
                return dict(node)
    raise NotFound(f"{collection[:-1]} {sourced_id} not found")
