"""The competency dictionary as 1EdTech CASE 1.0 packages.

- A framework version is one CFDocument: a CFItem per competency group, competency
  and level description; isChildOf down that tree, ``precedes`` from each level to the
  next, ``replacedBy`` from the previous version's competencies and levels.
- An agency's technical competencies are one CFDocument of their own (they are
  defined per agency, not per framework version), each item ``isRelatedTo`` the
  current framework's competencies it names.

Identifiers are UUID 5 of the codes and versions, so exporting again gives the same
bytes. A framework version's package never changes once published: the newer version
declares what it replaces, not the older one.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

from bangkom.evaluation.domain.framework import (
    Competency,
    CompetencyGroup,
    Framework,
    TechnicalDefinition,
)

CASE_PATH = "/ims/case/v1p0"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://bangkom.go.id/case")
CREATOR = "bangkom"
LANGUAGE = "id"
GROUP_TYPE, COMPETENCY_TYPE, LEVEL_TYPE = "Kelompok Kompetensi", "Kompetensi", "Level Kompetensi"
GROUP_TITLES = {
    CompetencyGroup.MANAJERIAL: "Kompetensi Manajerial",
    CompetencyGroup.SOSIAL_KULTURAL: "Kompetensi Sosial Kultural",
    CompetencyGroup.TEKNIS: "Kompetensi Teknis",
}

Package = dict[str, Any]


def identifier(*parts: object) -> str:
    """The stable identifier of what ``parts`` name (a UUID 5 in bangkom's namespace)."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def level_code(code: str, level: int) -> str:
    return f"{code}-L{level}"


def case_time(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def encode(package: Package) -> bytes:
    """The one serialisation of a package: keys sorted, so equal packages are equal bytes."""
    return json.dumps(package, ensure_ascii=False, sort_keys=True, indent=1).encode()


@dataclass(frozen=True)
class _Node:
    identifier: str
    title: str
    kind: str  # the REST collection: CFDocuments or CFItems


def _framework_scope(version: int) -> str:
    return f"framework:{version}"


def _technical_scope(definition: TechnicalDefinition) -> str:
    return f"technical:{definition.competency.code}:{definition.version}"


def _competency_node(scope: str, code: str) -> _Node:
    return _Node(identifier(scope, "competency", code), code, "CFItems")


def _level_node(scope: str, code: str, level: int) -> _Node:
    return _Node(
        identifier(scope, "competency", code, "level", level), level_code(code, level), "CFItems"
    )


class _Package:
    def __init__(self, document: _Node, changed: datetime, base_uri: str) -> None:
        self.document = document
        self.changed = case_time(changed)
        self.base_uri = base_uri.rstrip("/")
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []

    def uri(self, kind: str, node_id: str) -> str:
        return f"{self.base_uri}{CASE_PATH}/{kind}/{node_id}"

    def link(self, node: _Node) -> dict[str, str]:
        return {
            "identifier": node.identifier,
            "title": node.title,
            "uri": self.uri(node.kind, node.identifier),
        }

    def item(
        self, node: _Node, item_type: str, changed: datetime | None = None, **fields: str
    ) -> _Node:
        self.items.append(
            {
                "identifier": node.identifier,
                "uri": self.uri("CFItems", node.identifier),
                "CFItemType": item_type,
                "language": LANGUAGE,
                "lastChangeDateTime": case_time(changed) if changed else self.changed,
                "CFDocumentURI": self.link(self.document),
                **fields,
            }
        )
        return node

    def associate(
        self, origin: _Node, kind: str, destination: _Node, sequence: int | None = None
    ) -> None:
        association_id = identifier(
            self.document.identifier, kind, origin.identifier, destination.identifier
        )
        association: dict[str, Any] = {
            "identifier": association_id,
            "uri": self.uri("CFAssociations", association_id),
            "associationType": kind,
            "originNodeURI": self.link(origin),
            "destinationNodeURI": self.link(destination),
            "lastChangeDateTime": self.changed,
            "CFDocumentURI": self.link(self.document),
        }
        if sequence is not None:
            association["sequenceNumber"] = sequence
        self.associations.append(association)

    def group(self, scope: str, group: CompetencyGroup, order: int) -> _Node:
        node = self.item(
            _Node(identifier(scope, "group", group.value), group.value, "CFItems"),
            GROUP_TYPE,
            fullStatement=GROUP_TITLES[group],
            humanCodingScheme=group.value,
        )
        self.associate(node, "isChildOf", self.document, order)
        return node

    def competency(
        self,
        scope: str,
        competency: Competency,
        parent: _Node,
        order: int,
        changed: datetime | None = None,
    ) -> _Node:
        """The competency's item under ``parent`` and its levels under it, in order."""
        node = self.item(
            _competency_node(scope, competency.code),
            COMPETENCY_TYPE,
            changed,
            fullStatement=competency.description,
            abbreviatedStatement=competency.name,
            humanCodingScheme=competency.code,
        )
        self.associate(node, "isChildOf", parent, order)
        levels = [
            self.item(
                _level_node(scope, competency.code, level),
                LEVEL_TYPE,
                changed,
                fullStatement=text,
                humanCodingScheme=level_code(competency.code, level),
                listEnumeration=str(level),
            )
            for level, text in sorted(competency.levels.items())
        ]
        for order_of_level, level_node in enumerate(levels, 1):
            self.associate(level_node, "isChildOf", node, order_of_level)
        for lower, higher in pairwise(levels):
            self.associate(lower, "precedes", higher)
        return node

    def document_fields(self, title: str, **fields: Any) -> dict[str, Any]:
        return {
            "identifier": self.document.identifier,
            "uri": self.uri("CFDocuments", self.document.identifier),
            "creator": CREATOR,
            "title": title,
            "lastChangeDateTime": self.changed,
            "language": LANGUAGE,
            "adoptionStatus": "Adopted",
            "CFPackageURI": {
                "identifier": self.document.identifier,
                "title": title,
                "uri": self.uri("CFPackages", self.document.identifier),
            },
            **fields,
        }

    def whole(self, document: dict[str, Any]) -> Package:
        return {"CFDocument": document, "CFItems": self.items, "CFAssociations": self.associations}


def framework_document_id(version: int) -> str:
    return identifier("framework", version)


def framework_package(framework: Framework, previous: Framework | None, base_uri: str) -> Package:
    """The package of a framework version; ``previous`` is the version before it, whose
    competencies and levels this one replaces."""
    title = f"Kamus Kompetensi ASN versi {framework.version}"
    package = _Package(
        _Node(framework_document_id(framework.version), title, "CFDocuments"),
        framework.published_at,
        base_uri,
    )
    scope = _framework_scope(framework.version)
    by_group: dict[CompetencyGroup, list[Competency]] = {}
    for _, competency in sorted(framework.competencies.items()):
        by_group.setdefault(competency.group, []).append(competency)
    for group_order, group in enumerate(sorted(by_group, key=list(CompetencyGroup).index), 1):
        group_node = package.group(scope, group, group_order)
        for order, competency in enumerate(by_group[group], 1):
            package.competency(scope, competency, group_node, order)
    if previous is not None:
        _replaces(package, previous, framework)
    extra = {"notes": framework.note} if framework.note else {}
    return package.whole(
        package.document_fields(
            title,
            version=str(framework.version),
            statusStartDate=framework.published_at.astimezone(UTC).date().isoformat(),
            **extra,
        )
    )


def _replaces(package: _Package, previous: Framework, framework: Framework) -> None:
    """Each competency and level carried into the new version replaces its older self."""
    older, newer = _framework_scope(previous.version), _framework_scope(framework.version)
    for code, competency in sorted(framework.competencies.items()):
        if code not in previous.competencies:
            continue
        package.associate(
            _competency_node(older, code), "replacedBy", _competency_node(newer, code)
        )
        for level in sorted(competency.levels):
            package.associate(
                _level_node(older, code, level), "replacedBy", _level_node(newer, code, level)
            )


def technical_document_id(agency_code: str) -> str:
    return identifier("technical", agency_code)


def technical_package(
    agency_code: str,
    agency_name: str,
    definitions: Iterable[TechnicalDefinition],
    framework: Framework,
    base_uri: str,
) -> Package:
    """The package of an agency's technical competencies (at least one), each related
    to the competencies of the current ``framework`` it names."""
    ordered = sorted(definitions, key=lambda d: d.competency.code)
    title = f"Kompetensi Teknis {agency_name}"
    package = _Package(
        _Node(technical_document_id(agency_code), title, "CFDocuments"),
        max(d.changed_at for d in ordered),
        base_uri,
    )
    group_node = package.group(f"technical:{agency_code}", CompetencyGroup.TEKNIS, 1)
    framework_scope = _framework_scope(framework.version)
    for order, definition in enumerate(ordered, 1):
        node = package.competency(
            _technical_scope(definition),
            definition.competency,
            group_node,
            order,
            definition.changed_at,
        )
        for code in definition.competency.related:
            if code in framework.competencies:
                package.associate(node, "isRelatedTo", _competency_node(framework_scope, code))
    return package.whole(package.document_fields(title, subject=[agency_code]))
