"""A framework version as a 1EdTech CASE 1.0 package: one CFDocument, a CFItem per
competency group, competency and level description, and the CFAssociations between
them (isChildOf, precedes between levels, replacedBy from the previous version).

Identifiers are UUID 5 of the framework version and the codes, so exporting the same
version again gives the same bytes; a package never changes once its version is
published (the newer version declares what it replaces, not the older one).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

from bangkom.evaluation.domain.framework import Competency, CompetencyGroup, Framework

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


def identifier(*parts: object) -> str:
    """The stable identifier of what ``parts`` name (a UUID 5 in bangkom's namespace)."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def document_id(version: int) -> str:
    return identifier("framework", version)


def competency_id(version: int, code: str) -> str:
    return identifier("framework", version, "competency", code)


def level_id(version: int, code: str, level: int) -> str:
    return identifier("framework", version, "competency", code, "level", level)


def level_code(code: str, level: int) -> str:
    return f"{code}-L{level}"


def case_time(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def encode(package: dict[str, Any]) -> bytes:
    """The one serialisation of a package: keys sorted, so equal packages are equal bytes."""
    return json.dumps(package, ensure_ascii=False, sort_keys=True, indent=1).encode()


@dataclass(frozen=True)
class _Node:
    identifier: str
    title: str
    kind: str  # the REST collection: CFDocuments or CFItems


class _Package:
    def __init__(self, framework: Framework, base_uri: str) -> None:
        self.version = framework.version
        self.base_uri = base_uri.rstrip("/")
        self.changed = case_time(framework.published_at)
        self.document = _Node(document_id(self.version), _title(framework), "CFDocuments")
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

    def item(self, node: _Node, item_type: str, **fields: str) -> _Node:
        self.items.append(
            {
                "identifier": node.identifier,
                "uri": self.uri("CFItems", node.identifier),
                "CFItemType": item_type,
                "language": LANGUAGE,
                "lastChangeDateTime": self.changed,
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


def _title(framework: Framework) -> str:
    return f"Kamus Kompetensi ASN versi {framework.version}"


def _competency_node(version: int, competency: Competency) -> _Node:
    return _Node(competency_id(version, competency.code), competency.code, "CFItems")


def _level_node(version: int, code: str, level: int) -> _Node:
    return _Node(level_id(version, code, level), level_code(code, level), "CFItems")


def case_package(framework: Framework, previous: Framework | None, base_uri: str) -> dict[str, Any]:
    """The CASE 1.0 package of ``framework``; ``previous`` is the version before it,
    whose competencies and levels this one replaces."""
    package = _Package(framework, base_uri)
    version = framework.version
    by_group: dict[CompetencyGroup, list[Competency]] = {}
    for _, competency in sorted(framework.competencies.items()):
        by_group.setdefault(competency.group, []).append(competency)
    for group_order, group in enumerate(sorted(by_group, key=list(CompetencyGroup).index), 1):
        group_node = package.item(
            _Node(identifier("framework", version, "group", group.value), group.value, "CFItems"),
            GROUP_TYPE,
            fullStatement=GROUP_TITLES[group],
            humanCodingScheme=group.value,
        )
        package.associate(group_node, "isChildOf", package.document, group_order)
        for order, competency in enumerate(by_group[group], 1):
            node = package.item(
                _competency_node(version, competency),
                COMPETENCY_TYPE,
                fullStatement=competency.description,
                abbreviatedStatement=competency.name,
                humanCodingScheme=competency.code,
            )
            package.associate(node, "isChildOf", group_node, order)
            levels = [
                package.item(
                    _level_node(version, competency.code, level),
                    LEVEL_TYPE,
                    fullStatement=text,
                    humanCodingScheme=level_code(competency.code, level),
                    listEnumeration=str(level),
                )
                for level, text in sorted(competency.levels.items())
            ]
            for level, level_node in enumerate(levels, 1):
                package.associate(level_node, "isChildOf", node, level)
            for lower, higher in pairwise(levels):
                package.associate(lower, "precedes", higher)
    if previous is not None:
        _replaces(package, previous, framework)
    return {
        "CFDocument": _document(package, framework),
        "CFItems": package.items,
        "CFAssociations": package.associations,
    }


def _replaces(package: _Package, previous: Framework, framework: Framework) -> None:
    """Each competency and level carried into the new version replaces its older self."""
    for code, competency in sorted(framework.competencies.items()):
        if code not in previous.competencies:
            continue
        package.associate(
            _competency_node(previous.version, previous.competencies[code]),
            "replacedBy",
            _competency_node(framework.version, competency),
        )
        for level in sorted(competency.levels):
            package.associate(
                _level_node(previous.version, code, level),
                "replacedBy",
                _level_node(framework.version, code, level),
            )


def _document(package: _Package, framework: Framework) -> dict[str, Any]:
    document = {
        "identifier": package.document.identifier,
        "uri": package.uri("CFDocuments", package.document.identifier),
        "creator": CREATOR,
        "title": package.document.title,
        "lastChangeDateTime": package.changed,
        "language": LANGUAGE,
        "version": str(framework.version),
        "adoptionStatus": "Adopted",
        "statusStartDate": framework.published_at.astimezone(UTC).date().isoformat(),
        "CFPackageURI": {
            "identifier": package.document.identifier,
            "title": package.document.title,
            "uri": package.uri("CFPackages", package.document.identifier),
        },
    }
    if framework.note:
        document["notes"] = framework.note
    return document
