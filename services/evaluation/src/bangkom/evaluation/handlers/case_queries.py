"""Reads of the CASE 1.0 service: the packages the caller may see.

Without a token (``caller`` None) only the framework versions marked public exist;
with one, every framework version (the framework is the province's, read by every
role) and the technical competencies of the agencies in the caller's scope. Anything
else looks absent, as in the other reads.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from bangkom.evaluation.domain.case import Package, framework_package, technical_package
from bangkom.evaluation.domain.framework import TechnicalDefinition
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.platform.auth import Caller
from bangkom.platform.errors import NotFound


async def case_packages(
    uow: EvaluationUnitOfWork, caller: Caller | None, base_uri: str
) -> list[Package]:
    """The framework versions, the oldest first, then each agency's technical
    competencies by agency code."""
    history = await uow.frameworks.history()
    packages = [
        framework_package(framework, previous, base_uri)
        for previous, framework in zip([None, *history], history, strict=False)
        if caller is not None or framework.public
    ]
    if caller is None or not history:
        return packages
    by_agency: dict[str, list[TechnicalDefinition]] = defaultdict(list)
    for definition in await uow.technical.list(scope=caller.agency_scope()):
        by_agency[definition.competency.agency_code or ""].append(definition)
    for agency_code, definitions in sorted(by_agency.items()):
        agency = await uow.agencies.get(agency_code)
        name = agency.name if agency else agency_code
        packages.append(technical_package(agency_code, name, definitions, history[-1], base_uri))
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
