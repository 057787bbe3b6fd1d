"""The framework as 1EdTech CASE 1.0 at /ims/case/v1p0, on the evaluation API over an
embedded SQLite database: valid against 1EdTech's CFPackage schema, the same bytes on
every export, replacedBy from one version to the next, public versions readable
without a token."""

import json
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from jsonschema import Draft7Validator

from bangkom.platform.auth import Role
from bangkom.platform.service import Service
from tests import builders, factories
from tests.apps import bearer
from tests.unit.evaluation.case_packages import CASE, documents, package_of_version

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "schemas" / "case-v1p0-cfpackage-schema.json").read_text()
)
FRAMEWORK_CODES = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]


async def _publish(client: httpx.AsyncClient, admin: dict[str, str], **body: Any) -> None:
    response = await client.post("/framework/versions", headers=admin, json=body)
    assert response.status_code == 201, response.text


def _kinds(package: dict[str, Any]) -> Counter[str]:
    return Counter(a["associationType"] for a in package["CFAssociations"])


async def test_the_package_of_a_version_is_valid_case_1_0_with_its_formats_checked(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    response = await package_of_version(client, admin, 1)

    assert response.status_code == 200
    package = response.json()
    validator = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)
    assert {"uri", "date-time"} <= set(validator.format_checker.checkers)  # really checked
    assert [e.message for e in validator.iter_errors(package)] == []
    items = Counter(i["CFItemType"] for i in package["CFItems"])
    assert items == {"Kelompok Kompetensi": 2, "Kompetensi": 9, "Level Kompetensi": 45}
    assert _kinds(package) == {"isChildOf": 2 + 9 + 45, "precedes": 9 * 4}
    codes = [i["humanCodingScheme"] for i in package["CFItems"] if i["CFItemType"] == "Kompetensi"]
    assert codes == FRAMEWORK_CODES


async def test_a_schema_violation_is_caught_by_the_validator() -> None:
    """The schema copy does judge: a package missing what CASE requires fails it."""
    validator = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)
    broken = {"CFDocument": {"identifier": "x", "uri": "not a uri"}, "CFItems": [{}]}

    assert len(list(validator.iter_errors(broken))) >= 4


async def test_levels_hang_under_their_competency_in_order_and_precede_each_other(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    package = (await package_of_version(client, admin, 1)).json()
    by_id = {i["identifier"]: i for i in package["CFItems"]}
    m05 = next(i for i in package["CFItems"] if i["humanCodingScheme"] == "M.05")

    children = sorted(
        (a["sequenceNumber"], by_id[a["originNodeURI"]["identifier"]]["listEnumeration"])
        for a in package["CFAssociations"]
        if a["associationType"] == "isChildOf"
        and a["destinationNodeURI"]["identifier"] == m05["identifier"]
    )
    chain = [
        (a["originNodeURI"]["title"], a["destinationNodeURI"]["title"])
        for a in package["CFAssociations"]
        if a["associationType"] == "precedes" and a["originNodeURI"]["title"].startswith("M.05")
    ]

    assert children == [(n, str(n)) for n in range(1, 6)]
    assert chain == [(f"M.05-L{n}", f"M.05-L{n + 1}") for n in range(1, 5)]
    assert m05["abbreviatedStatement"] == "Pelayanan Publik"


async def test_exporting_again_gives_the_same_bytes_and_items_and_associations_resolve(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    first, again = (
        await package_of_version(client, admin, 1),
        await package_of_version(client, admin, 1),
    )
    package = first.json()
    item, association = package["CFItems"][5], package["CFAssociations"][7]

    assert first.content == again.content
    assert (await client.get(urlsplit(item["uri"]).path, headers=admin)).json() == item
    fetched = await client.get(f"{CASE}/CFAssociations/{association['identifier']}", headers=admin)
    assert fetched.json() == association


async def test_a_new_version_replaces_each_competency_and_level_and_leaves_the_old_package_alone(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    before = (await package_of_version(client, admin, 1)).content

    await _publish(client, admin, note="uraian baru")

    old = json.loads((await package_of_version(client, admin, 1)).content)
    new = (await package_of_version(client, admin, 2)).json()
    replaced = [a for a in new["CFAssociations"] if a["associationType"] == "replacedBy"]
    old_ids = {i["identifier"]: i["humanCodingScheme"] for i in old["CFItems"]}
    new_ids = {i["identifier"]: i["humanCodingScheme"] for i in new["CFItems"]}
    assert (await package_of_version(client, admin, 1)).content == before
    assert len(replaced) == 9 + 45
    assert all(
        old_ids[a["originNodeURI"]["identifier"]] == new_ids[a["destinationNodeURI"]["identifier"]]
        for a in replaced
    )
    assert new["CFDocument"]["notes"] == "uraian baru"
    assert not set(old_ids) & set(new_ids)


async def test_without_a_token_only_versions_marked_public_are_readable(
    client: httpx.AsyncClient, admin: dict[str, str], service: Service
) -> None:
    [document] = await documents(client, admin)
    url = f"{CASE}/CFPackages/{document['identifier']}"
    hidden = await client.get(url)
    assert (hidden.status_code, hidden.json()["code"]) == (404, "not_found")
    assert await documents(client, {}) == []
    operator = bearer(service, Role.AGENCY_OPERATOR, agencies=["12.73.01"])
    refused = await client.put(
        "/framework/versions/1/public", headers=operator, json={"public": True}
    )
    assert refused.status_code == 403

    marked = await client.put("/framework/versions/1/public", headers=admin, json={"public": True})
    await _publish(client, admin, note="belum publik")

    assert (marked.status_code, marked.json()["public"]) == (200, True)
    public = await client.get(url)
    assert public.status_code == 200
    assert public.content == (await client.get(url, headers=admin)).content
    assert [d["version"] for d in await documents(client, {})] == ["1"]
    assert [d["version"] for d in await documents(client, admin)] == ["1", "2"]
    listed = (await client.get("/framework/versions/2", headers=admin)).json()
    assert listed["public"] is False


async def test_a_bad_identifier_or_a_bad_token_is_refused_in_the_platforms_error_body(
    client: httpx.AsyncClient,
) -> None:
    malformed = await client.get(f"{CASE}/CFItems/not-a-uuid")
    unknown = await client.get(f"{CASE}/CFItems/00000000-0000-4000-8000-000000000000")
    bad_token = await client.get(f"{CASE}/CFDocuments", headers={"Authorization": "Bearer x"})

    assert (malformed.status_code, malformed.json()["field"]) == (422, "path.sourcedId")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "not_found")
    assert (bad_token.status_code, bad_token.json()["code"]) == (401, "invalid_token")


async def test_an_agencys_technical_competencies_are_a_document_related_to_the_framework(
    client: httpx.AsyncClient, admin: dict[str, str], service: Service
) -> None:
    agency = await builders.an_agency(client, admin)
    operator = bearer(service, Role.AGENCY_OPERATOR, agencies=[agency])
    code = await builders.a_technical_competency(client, operator, agency, ["M.06", "M.05"])
    stranger = bearer(service, Role.AGENCY_OPERATOR, agencies=[factories.agency_code()])

    [_, technical] = await documents(client, operator)
    package = await client.get(f"{CASE}/CFPackages/{technical['identifier']}", headers=operator)
    framework = (await package_of_version(client, operator, 1)).json()

    body = package.json()
    validator = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(body)] == []
    assert technical["title"] == f"Kompetensi Teknis Dinas {agency}"
    framework_ids = {i["humanCodingScheme"]: i["identifier"] for i in framework["CFItems"]}
    related = {
        (a["originNodeURI"]["title"], a["destinationNodeURI"]["identifier"])
        for a in body["CFAssociations"]
        if a["associationType"] == "isRelatedTo"
    }
    assert related == {(code, framework_ids["M.05"]), (code, framework_ids["M.06"])}
    assert _kinds(body)["precedes"] == 4
    assert [d["version"] for d in await documents(client, stranger)] == ["1"]
    hidden = await client.get(f"{CASE}/CFPackages/{technical['identifier']}", headers=stranger)
    assert hidden.status_code == 404
    assert agency not in (await client.get(f"{CASE}/CFDocuments", headers=stranger)).text


async def test_a_technical_competency_relates_only_to_competencies_of_the_framework(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    agency = await builders.an_agency(client, admin)
    body = {
        "code": f"T.{agency}.02",
        "name": "Perencanaan Anggaran",
        "group": "teknis",
        "agency_code": agency,
        "description": "Menyusun rencana anggaran perangkat daerah.",
        "levels": {str(n): f"Anggaran, level {n}" for n in range(1, 6)},
    }

    technical = await client.put(
        "/technical-competencies", headers=admin, json=body | {"related": [f"T.{agency}.01"]}
    )
    unknown = await client.put(
        "/technical-competencies", headers=admin, json=body | {"related": ["M.09"]}
    )

    assert technical.status_code == 422
    assert "only to managerial or socio-cultural" in technical.json()["message"]
    assert (unknown.status_code, unknown.json()["field"]) == (422, "body.related[0]")
