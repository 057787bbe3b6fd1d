"""Adopting a dictionary from a CASE 1.0 package: a draft, published by a province admin
through the one publish path; on the evaluation API over an embedded SQLite database."""

from copy import deepcopy
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bangkom.platform.auth import Role
from bangkom.platform.catalog import FrameworkPublished
from bangkom.platform.db.messaging import outbox
from bangkom.platform.service import Service
from tests.apps import bearer
from tests.unit.evaluation.case_packages import package_of_version


async def _export(client: httpx.AsyncClient, admin: dict[str, str], version: int) -> Any:
    response = await package_of_version(client, admin, version)
    assert response.status_code == 200, response.text
    return response.json()


async def _import(client: httpx.AsyncClient, admin: dict[str, str], package: Any) -> httpx.Response:
    return await client.post("/framework/drafts", headers=admin, json=package)


def _content(package: Any) -> dict[str, Any]:
    """What an export says apart from the version that holds it: each item's type,
    statements, code and level number, keyed by its code; each association's type,
    ends (by code, the document as "document") and sequence number; the document's
    creator, language and adoption status. Left out: identifiers and uris (new per
    version), the document's title, version, notes and dates, and the replacedBy
    associations (a later version has them, the first has none)."""
    codes = {i["identifier"]: i["humanCodingScheme"] for i in package["CFItems"]}
    codes[package["CFDocument"]["identifier"]] = "document"
    kept = ("CFItemType", "fullStatement", "abbreviatedStatement", "listEnumeration", "language")
    return {
        "document": {
            k: package["CFDocument"][k] for k in ("creator", "language", "adoptionStatus")
        },
        "items": {i["humanCodingScheme"]: {k: i.get(k) for k in kept} for i in package["CFItems"]},
        "associations": sorted(
            (
                a["associationType"],
                codes[a["originNodeURI"]["identifier"]],
                codes[a["destinationNodeURI"]["identifier"]],
                a.get("sequenceNumber"),
            )
            for a in package["CFAssociations"]
            if a["associationType"] != "replacedBy"
        ),
    }


async def test_export_import_publish_export_gives_the_same_dictionary(
    client: httpx.AsyncClient, admin: dict[str, str], service: Service
) -> None:
    exported = await _export(client, admin, 1)

    imported = await _import(client, admin, exported)
    draft = imported.json()
    published = await client.post(
        f"/framework/drafts/{draft['id']}/publish", headers=admin, json={"public": True}
    )

    assert imported.status_code == 201, imported.text
    assert [c["code"] for c in draft["competencies"]] == [
        *(f"M.0{n}" for n in range(1, 9)),
        "SK.01",
    ]
    assert draft["skipped"] == ["manajerial", "sosial_kultural"]  # the group items
    assert draft["published_version"] is None
    assert published.status_code == 201, published.text
    assert (published.json()["version"], published.json()["public"]) == (2, True)
    assert published.json()["note"] == (
        f"Diadopsi dari Kamus Kompetensi ASN versi 1 (CASE {exported['CFDocument']['identifier']})"
    )
    again = await _export(client, admin, 2)
    assert _content(again) == _content(exported)
    first, second = [
        (await client.get(f"/framework/versions/{v}", headers=admin)).json() for v in (1, 2)
    ]
    assert second["competencies"] == first["competencies"]
    assert second["position_type_defaults"] == first["position_type_defaults"]
    async with service.database.sessions() as session:
        published_events = await session.scalar(
            select(func.count()).where(outbox.c.type == FrameworkPublished.TYPE)
        )
    assert published_events == 2  # the seeded version 1 and the adopted version 2


async def test_a_draft_is_published_once_and_only_by_a_province_admin(
    client: httpx.AsyncClient, admin: dict[str, str], service: Service
) -> None:
    operator = bearer(service, Role.AGENCY_OPERATOR, agencies=["12.73.01"])
    exported = await _export(client, admin, 1)
    refused_import = await _import(client, operator, exported)
    draft = (await _import(client, admin, exported)).json()
    url = f"/framework/drafts/{draft['id']}"

    refused_read = await client.get(url, headers=operator)
    refused_publish = await client.post(f"{url}/publish", headers=operator, json={})
    first = await client.post(f"{url}/publish", headers=admin, json={"note": "adopsi"})
    second = await client.post(f"{url}/publish", headers=admin, json={})

    assert [r.status_code for r in (refused_import, refused_read, refused_publish)] == [403] * 3
    assert (first.status_code, first.json()["note"]) == (201, "adopsi")
    assert (second.status_code, second.json()["code"]) == (409, "conflict")
    assert (await client.get(url, headers=admin)).json()["published_version"] == 2
    listed = (await client.get("/framework/drafts", headers=admin)).json()["items"]
    assert [d["id"] for d in listed] == [draft["id"]]
    versions = (await client.get("/framework/versions", headers=admin)).json()["items"]
    assert [v["version"] for v in versions] == [1, 2]


async def test_another_provinces_package_is_read_by_codes_and_level_order(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    """Levels numbered by sequenceNumber only, their own item types and an item of
    theirs bangkom does not know: the competencies come in, the rest is named."""
    package = deepcopy(await _export(client, admin, 1))
    for item in package["CFItems"]:
        item.pop("listEnumeration", None)
        item["CFItemType"] = "Standard"
        if item["humanCodingScheme"] == "M.05":
            item["fullStatement"] = "Melayani masyarakat Sumatera Utara dengan sepenuh hati."
    package["CFItems"].append(
        {
            "identifier": "0c8e7a55-9a47-4f1a-9d1e-1b2b3c4d5e6f",
            "fullStatement": "Kompetensi teknis kehutanan",
            "humanCodingScheme": "KHT.01",
        }
    )

    draft = (await _import(client, admin, package)).json()

    m05 = next(c for c in draft["competencies"] if c["code"] == "M.05")
    assert m05["description"] == "Melayani masyarakat Sumatera Utara dengan sepenuh hati."
    assert m05["levels"]["5"].startswith("Membangun sistem pelayanan publik")
    assert draft["skipped"] == ["manajerial", "sosial_kultural", "KHT.01"]


async def test_a_package_with_a_level_missing_is_refused_naming_it_and_no_draft_is_kept(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    package = deepcopy(await _export(client, admin, 1))
    [level_3] = [i for i in package["CFItems"] if i["humanCodingScheme"] == "M.02-L3"]
    package["CFItems"].remove(level_3)

    refused = await _import(client, admin, package)

    assert (refused.status_code, refused.json()["code"]) == (422, "invalid_case_package")
    assert "M.02: no description of level 3" in refused.json()["message"]
    assert (await client.get("/framework/drafts", headers=admin)).json()["items"] == []


async def test_a_dictionary_without_a_competency_the_defaults_need_is_not_published(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    package = deepcopy(await _export(client, admin, 1))
    package["CFItems"] = [
        i for i in package["CFItems"] if not i["humanCodingScheme"].startswith("M.08")
    ]
    draft = (await _import(client, admin, package)).json()

    refused = await client.post(f"/framework/drafts/{draft['id']}/publish", headers=admin, json={})

    assert refused.status_code == 422
    assert "M.08" in refused.json()["message"]
    versions = (await client.get("/framework/versions", headers=admin)).json()["items"]
    assert [v["version"] for v in versions] == [1]
    kept = (await client.get(f"/framework/drafts/{draft['id']}", headers=admin)).json()
    assert kept["published_version"] is None


@pytest.mark.parametrize(
    ("package", "field"),
    [
        ({"CFItems": []}, "body.CFDocument"),
        (
            {"CFDocument": {"identifier": "x", "title": "t"}, "CFItems": [{}]},
            "body.CFItems[0].identifier",
        ),
        (
            {
                "CFDocument": {"identifier": "x", "title": "t"},
                "CFItems": [{"identifier": "a", "fullStatement": "x" * 2001}],
            },
            "body.CFItems[0].fullStatement",
        ),
        (  # too many for a dictionary, yet within the body size limit: a 422, not a 413
            {
                "CFDocument": {"identifier": "x", "title": "t"},
                "CFAssociations": [
                    {
                        "associationType": "isChildOf",
                        "originNodeURI": {"identifier": "a"},
                        "destinationNodeURI": {"identifier": "b"},
                    }
                ]
                * 5001,
            },
            "body.CFAssociations",
        ),
    ],
)
async def test_a_body_that_is_not_a_case_package_is_a_422_naming_the_field(
    client: httpx.AsyncClient, admin: dict[str, str], package: dict[str, Any], field: str
) -> None:
    refused = await _import(client, admin, package)

    assert (refused.status_code, refused.json()["code"]) == (422, "validation_failed")
    assert field in [e["field"] for e in refused.json()["errors"]]
