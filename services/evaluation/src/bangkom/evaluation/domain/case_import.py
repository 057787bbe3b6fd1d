"""Reading a CASE 1.0 package from elsewhere (another province's dictionary) into the
competencies of a draft framework version.

A competency is an item whose ``humanCodingScheme`` is one of the framework's codes
(M.01-M.08, SK.01); its levels are the items that are ``isChildOf`` it, numbered by
their ``listEnumeration`` or else by the association's ``sequenceNumber``. Every other
item (groups, technical competencies of another province, anything else) is skipped
and named in the draft, so the admin sees what was left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from bangkom.evaluation.domain.competency import MANAGERIAL, SOCIO_CULTURAL, competency_name
from bangkom.evaluation.domain.framework import Competency, CompetencyGroup
from bangkom.kernel.levels import LEVELS, MAX_LEVEL, MIN_LEVEL


class InvalidCasePackage(ValueError):
    """A package that holds no usable dictionary; ``problems`` says what, item by item."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class CaseItem:
    identifier: str
    full_statement: str
    human_coding_scheme: str | None = None
    abbreviated_statement: str | None = None
    list_enumeration: str | None = None


@dataclass(frozen=True)
class CaseAssociation:
    association_type: str
    origin: str
    destination: str
    sequence_number: int | None = None


@dataclass(frozen=True)
class CasePackage:
    document_identifier: str
    document_title: str
    items: list[CaseItem]
    associations: list[CaseAssociation]


@dataclass(frozen=True)
class FrameworkDraft:
    """Competencies read from a CASE package, waiting for an admin to publish them as
    the next framework version (or to leave them)."""

    id: str
    source_identifier: str
    source_title: str
    competencies: list[Competency]
    skipped: list[str]
    created_by: str
    created_at: datetime
    published_version: int | None = field(default=None)

    @property
    def note(self) -> str:
        return f"Diadopsi dari {self.source_title} (CASE {self.source_identifier})"


def _level_number(item: CaseItem, association: CaseAssociation) -> int | None:
    enumeration = (item.list_enumeration or "").strip()
    if enumeration.isdigit():
        return int(enumeration)
    return association.sequence_number


def read_competencies(package: CasePackage) -> tuple[list[Competency], list[str]]:
    """The framework competencies the package defines, and the items it skipped (by
    their code, else their identifier); InvalidCasePackage when none is usable."""
    items = {item.identifier: item for item in package.items}
    problems: list[str] = []
    competency_items: dict[str, CaseItem] = {}
    for item in package.items:
        code = (item.human_coding_scheme or "").strip()
        if code not in MANAGERIAL and code not in SOCIO_CULTURAL:
            continue
        if code in competency_items:
            problems.append(
                f"{code}: defined twice (items {competency_items[code].identifier} and "
                f"{item.identifier})"
            )
        elif not item.full_statement.strip():
            problems.append(f"{code}: item {item.identifier} has no fullStatement")
        competency_items[code] = item
    owners = {item.identifier: code for code, item in competency_items.items()}
    levels: dict[str, dict[int, str]] = defaultdict(dict)
    used = set(owners)
    for association in package.associations:
        owner = owners.get(association.destination)
        level_item = items.get(association.origin)
        if association.association_type != "isChildOf" or owner is None or level_item is None:
            continue
        number = _level_number(level_item, association)
        if number is None or number not in LEVELS:
            problems.append(
                f"{owner}: level item {level_item.identifier} has no level number "
                f"{MIN_LEVEL}-{MAX_LEVEL} (listEnumeration or sequenceNumber)"
            )
            continue
        levels[owner][number] = level_item.full_statement.strip()
        used.add(level_item.identifier)
    competencies = []
    for code, item in sorted(competency_items.items()):
        missing = [n for n in LEVELS if not levels[code].get(n)]
        if missing:
            problems.append(f"{code}: no description of level {', '.join(map(str, missing))}")
            continue
        competencies.append(
            Competency(
                code=code,
                name=(item.abbreviated_statement or "").strip() or competency_name(code),
                group=CompetencyGroup.MANAJERIAL
                if code in MANAGERIAL
                else CompetencyGroup.SOSIAL_KULTURAL,
                description=item.full_statement.strip(),
                levels=dict(sorted(levels[code].items())),
            )
        )
    if not competency_items:
        problems.append("no item is coded as a framework competency (M.01-M.08, SK.01)")
    if problems:
        raise InvalidCasePackage(problems)
    skipped = [
        item.human_coding_scheme or item.identifier
        for item in package.items
        if item.identifier not in used
    ]
    return competencies, skipped
