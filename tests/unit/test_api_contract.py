"""One API contract in the five services: read from each app's route table and OpenAPI
document (lists are pages, every documented error is an ErrorPublic, FastAPI's own
validation schemas are gone), then proven on real requests. The console is not walked:
it serves pages, not a JSON API (no OpenAPI document; its one JSON answer is the
employee's data download)."""

from __future__ import annotations

import json
import typing
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel

from bangkom.career.bootstrap import bootstrap as career
from bangkom.career.config import CareerSettings
from bangkom.evaluation.bootstrap import bootstrap as evaluation
from bangkom.evaluation.config import EvaluationSettings
from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.service import Service
from bangkom.platform.settings import ServiceSettings
from bangkom.platform.web.errors import ErrorPublic
from bangkom.platform.web.paging import MAX_LIMIT, MAX_OFFSET, Page
from bangkom.platform.web.parameters import INT_MAX
from bangkom.recommendation.bootstrap import bootstrap as recommendation
from bangkom.recommendation.config import RecommendationSettings
from bangkom.survey.bootstrap import bootstrap as survey
from bangkom.survey.config import SurveySettings
from bangkom.training.bootstrap import bootstrap as training
from bangkom.training.config import TrainingSettings
from tests import builders, factories
from tests.dependencies import threaded_dependencies

BOOTSTRAPS: dict[str, tuple[Callable[..., Service], type[ServiceSettings]]] = {
    "evaluation": (evaluation, EvaluationSettings),
    "training": (training, TrainingSettings),
    "survey": (survey, SurveySettings),
    "recommendation": (recommendation, RecommendationSettings),
    "career": (career, CareerSettings),
}
# One list route of each service, for the requests below.
A_LIST = {
    "evaluation": "/employees",
    "training": "/courses",
    "survey": "/surveys",
    "recommendation": "/proposals",
    "career": "/nine-box",
}
ERROR_REF = "#/components/schemas/ErrorPublic"
PAGE_FIELDS = {"items", "total", "limit", "offset", "next_offset"}


def _build(name: str, directory: Path) -> Service:
    bootstrap, settings = BOOTSTRAPS[name]
    return bootstrap(
        settings(
            database_url=f"sqlite+aiosqlite:///{directory / f'{name}.db'}",
            auth_dev_key_file=directory / "dev.pem",
        )
    )


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Service]:
    """The five services wired as they run, their databases never touched."""
    return {name: _build(name, tmp_path_factory.mktemp(name)) for name in BOOTSTRAPS}


def _routes(app: FastAPI) -> Iterator[tuple[str, str, APIRoute, Any]]:
    """(method, path, route, response model) of every API route, as the app serves it."""
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute):
            for method in sorted(context.methods or ()):
                yield method, str(context.path), context.original_route, context.response_model


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield method.upper(), path, operation


def _schema(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _is_page(model: Any) -> bool:
    return isinstance(model, type) and issubclass(model, Page)


def _a_list_in_disguise(model: Any) -> bool:
    """An object that is nothing but one list (``{"agencies": [...]}``, ``{"data": [...],
    "limit": ..}``) is a list that should have been a Page."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)) or _is_page(model):
        return False
    fields = model.model_fields
    lists = [f for f in fields.values() if typing.get_origin(f.annotation) is list]
    return (len(fields) == 1 and len(lists) == 1) or {"limit", "offset"} <= set(fields)


# Where a standard the route implements prescribes the array (xAPI 1.0.3: a POST of
# statements answers with the array of their ids, which xAPI clients read).
STANDARD_ARRAYS = {"POST /xapi/statements"}


@pytest.mark.parametrize("name", BOOTSTRAPS)
def test_no_route_answers_with_a_bare_array_and_every_list_is_a_page(
    services: dict[str, Service], name: str
) -> None:
    app = services[name].app
    document = app.openapi()
    bare, disguised, paged = [], [], []
    for method, path, _route, model in _routes(app):
        operation = document["paths"][path][method.lower()]
        for status, response in operation["responses"].items():
            schema = response.get("content", {}).get("application/json", {}).get("schema")
            if (
                status.startswith("2")
                and schema
                and _schema(document, schema).get("type") in ("array",)
            ):
                bare.append(f"{method} {path}")
        if typing.get_origin(model) in (list, tuple, set, frozenset):
            bare.append(f"{method} {path}")
        if method == "GET" and _a_list_in_disguise(model):
            disguised.append(f"{method} {path}")
        if _is_page(model):
            paged.append((method, path, operation))

    assert not set(bare) - STANDARD_ARRAYS, f"{name}: bare arrays"
    assert not disguised, f"{name}: lists that are not a Page"
    assert paged, f"{name} has no list"
    for method, path, operation in paged:
        assert method == "GET", path
        ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
        page = _schema(document, ok)
        assert ok["$ref"].rsplit("/", 1)[-1].startswith("Page_"), path
        assert set(page["properties"]) == PAGE_FIELDS, path
        bounds = {
            p["name"]: (p["schema"]["minimum"], p["schema"]["maximum"])
            for p in operation["parameters"]
            if p["name"] in ("limit", "offset")
        }
        assert bounds == {"limit": (1, MAX_LIMIT), "offset": (0, MAX_OFFSET)}, path


# JSON answers with no response model: shapes a standard prescribes (1EdTech CASE 1.0
# names its lists CFDocuments, CFItems, ...) and the readiness probe.
UNMODELLED_JSON = {
    "GET /ims/case/v1p0/CFDocuments",
    "GET /ims/case/v1p0/CFDocuments/{sourcedId}",
    "GET /ims/case/v1p0/CFPackages/{sourcedId}",
    "GET /ims/case/v1p0/CFItems/{sourcedId}",
    "GET /ims/case/v1p0/CFAssociations/{sourcedId}",
    "GET /readyz",
}


@pytest.mark.parametrize("name", BOOTSTRAPS)
def test_every_json_answer_has_a_model_the_walk_can_read(
    services: dict[str, Service], name: str
) -> None:
    """A route that answers with a raw Response escapes the page check above, so only
    files (CSV, XLSX), empty answers and the shapes named above may."""
    app = services[name].app
    document = app.openapi()
    unmodelled = []
    for method, path, _route, model in _routes(app):
        operation = document["paths"][path][method.lower()]
        answers = [
            media
            for status, response in operation["responses"].items()
            if status.startswith("2")
            for media in response.get("content", {})
        ]
        if model is None and "application/json" in answers:
            unmodelled.append(f"{method} {path}")

    assert not set(unmodelled) - UNMODELLED_JSON, f"{name}: JSON answers without a model"


@pytest.mark.parametrize("name", BOOTSTRAPS)
def test_every_route_that_takes_paging_parameters_answers_with_a_page(
    services: dict[str, Service], name: str
) -> None:
    app = services[name].app
    document = app.openapi()
    for method, path, _route, model in _routes(app):
        operation = document["paths"][path][method.lower()]
        names = {p["name"] for p in operation.get("parameters", [])}
        if names & {"limit", "offset"}:
            assert _is_page(model), f"{method} {path} takes limit/offset but is not a Page"


@pytest.mark.parametrize("name", BOOTSTRAPS)
def test_every_documented_error_is_an_error_public(services: dict[str, Service], name: str) -> None:
    document = services[name].app.openapi()
    for method, path, operation in _operations(document):
        responses = operation["responses"]
        errors = {status for status in responses if status.startswith("4")}
        for status in errors:
            schema = responses[status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": ERROR_REF}, f"{method} {path} {status}"
        if operation.get("security"):
            assert "401" in errors, f"{method} {path} takes a token"
        if operation.get("parameters") or "requestBody" in operation:
            assert "422" in errors, f"{method} {path} takes input"
        if "requestBody" in operation:
            assert {"400", "413"} <= errors, f"{method} {path} takes a body"
        if any(p["in"] == "path" for p in operation.get("parameters", [])):
            assert "404" in errors, f"{method} {path} names something"


@pytest.mark.parametrize("name", BOOTSTRAPS)
def test_fastapi_validation_schemas_are_gone_and_the_shared_ones_are_the_same(
    services: dict[str, Service], name: str
) -> None:
    document = services[name].app.openapi()
    schemas = document["components"]["schemas"]
    reference = services["evaluation"].app.openapi()["components"]["schemas"]

    assert not {"HTTPValidationError", "ValidationError"} & set(schemas)
    assert "ValidationError" not in json.dumps(document)
    assert schemas["ErrorPublic"] == reference["ErrorPublic"]
    assert schemas["FieldErrorPublic"] == reference["FieldErrorPublic"]
    assert schemas["ErrorPublic"]["required"] == ["code", "message", "field", "errors"]
    pages = [s for n, s in schemas.items() if n.startswith("Page_")]
    assert pages
    for page in pages:
        shape = {k: v for k, v in page["properties"].items() if k != "items"}
        assert shape == {
            k: v for k, v in reference["Page_AgencyPublic_"]["properties"].items() if k != "items"
        }


def _error(response: httpx.Response, status: int) -> ErrorPublic:
    assert response.status_code == status, response.text
    assert set(response.json()) == {"code", "message", "field", "errors"}
    return ErrorPublic.model_validate(response.json())


def _bearer(settings: ServiceSettings, *roles: Role, agencies: list[str] | None = None) -> Any:
    token = mint_dev_token(settings, subject="contract", roles=list(roles), agencies=agencies)
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def http(services: dict[str, Service]) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    clients = {
        name: httpx.AsyncClient(
            transport=httpx.ASGITransport(app=service.app), base_url=f"http://{name}"
        )
        for name, service in services.items()
    }
    yield clients
    for client in clients.values():
        await client.aclose()


@pytest.mark.parametrize("name", BOOTSTRAPS)
async def test_a_path_no_route_serves_is_a_404_error_public(
    http: dict[str, httpx.AsyncClient], name: str
) -> None:
    error = _error(await http[name].get("/no-such-thing"), 404)

    assert (error.code, error.field, error.errors) == ("not_found", None, [])
    assert error.message == "Alamat ini tidak ada pada API ini."


@pytest.mark.parametrize("name", BOOTSTRAPS)
async def test_a_request_without_a_token_is_a_401_error_public_that_asks_for_one(
    http: dict[str, httpx.AsyncClient], name: str
) -> None:
    response = await http[name].get(A_LIST[name])
    forged = await http[name].get(A_LIST[name], headers={"Authorization": "Bearer forged"})

    assert _error(response, 401).code == "unauthorized"
    assert response.headers["www-authenticate"] == 'Bearer realm="bangkom"'
    assert "missing bearer token" in _error(response, 401).message
    assert _error(forged, 401).code == "invalid_token"
    assert _error(forged, 401).message.startswith("Token bearer ditolak: invalid bearer token")
    assert forged.headers["www-authenticate"] == (
        'Bearer realm="bangkom", error="invalid_token", '
        'error_description="the token is not a well-formed JWT"'
    )


@pytest.mark.parametrize("name", BOOTSTRAPS)
async def test_a_huge_offset_is_a_422_that_names_the_parameter(
    services: dict[str, Service], http: dict[str, httpx.AsyncClient], name: str
) -> None:
    admin = _bearer(services[name].settings, Role.PROVINCE_ADMIN)

    response = await http[name].get(
        A_LIST[name], headers=admin, params={"offset": "69669613750469083136"}
    )
    too_many = await http[name].get(A_LIST[name], headers=admin, params={"limit": MAX_LIMIT + 1})

    error = _error(response, 422)
    assert (error.code, error.field) == ("validation_failed", "query.offset")
    assert [(e.field, e.code) for e in error.errors] == [("query.offset", "less_than_equal")]
    assert error.message.startswith("Permintaan tidak lolos validasi: query.offset")
    assert _error(too_many, 422).field == "query.limit"


def _a_path_to(path: str, operation: dict[str, Any]) -> str:
    """``path`` with a value of the right type in each of its parameters."""
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            schema = parameter["schema"]
            if "enum" in schema:
                value = str(schema["enum"][0])
            elif schema.get("type") == "integer":
                value = "1"
            elif schema.get("format") == "uuid":
                value = "00000000-0000-4000-8000-000000000000"
            else:
                value = "x"
            path = path.replace(f"{{{parameter['name']}}}", value)
    return path


@pytest.mark.parametrize("name", BOOTSTRAPS)
async def test_every_route_taking_a_body_refuses_an_unreadable_or_too_large_one_alike(
    services: dict[str, Service], http: dict[str, httpx.AsyncClient], name: str
) -> None:
    settings = services[name].settings
    admin = _bearer(settings, Role.PROVINCE_ADMIN)
    walked = 0
    for method, path, operation in _operations(services[name].app.openapi()):
        for media in operation.get("requestBody", {}).get("content", {}):
            limit = (
                settings.http_max_upload_bytes
                if media.startswith("multipart/")
                else settings.http_max_body_bytes
            )
            url, headers = _a_path_to(path, operation), admin | {"Content-Type": media}
            unreadable = await http[name].request(method, url, headers=headers, content=b"\xff{")
            too_large = await http[name].request(
                method, url, headers=headers, content=b"x" * (limit + 1)
            )

            assert _error(unreadable, 400).code == "bad_request", f"{method} {path}"
            assert _error(too_large, 413).code == "payload_too_large", f"{method} {path}"
            walked += 1

    assert walked, f"{name} takes no body"


@pytest.mark.parametrize("name", BOOTSTRAPS)
async def test_a_method_a_path_does_not_take_is_a_405_error_public(
    http: dict[str, httpx.AsyncClient], name: str
) -> None:
    response = await http[name].patch(A_LIST[name])

    assert _error(response, 405).code == "method_not_allowed"
    assert response.headers["allow"]


@pytest.fixture
async def evaluation_service(tmp_path: Path) -> AsyncIterator[Service]:
    service = _build("evaluation", tmp_path)
    await service.prepare()
    yield service
    await service.database.dispose()


@pytest.fixture
async def client(evaluation_service: Service) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=evaluation_service.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://evaluation") as client:
        yield client


async def test_a_body_with_several_bad_fields_is_a_422_naming_each(
    evaluation_service: Service, client: httpx.AsyncClient
) -> None:
    admin = _bearer(evaluation_service.settings, Role.PROVINCE_ADMIN)

    response = await client.post(
        "/results",
        headers=admin,
        json={"competency_code": "M.05", "level": 7, "method": "cat"},
    )

    error = _error(response, 422)
    assert (error.code, error.field) == ("validation_failed", None)
    assert {(e.field, e.code) for e in error.errors} == {
        ("body.nip", "missing"),
        ("body.level", "less_than_equal"),
        ("body.evaluated_at", "missing"),
    }


async def test_domain_errors_are_error_publics_with_their_own_code(
    evaluation_service: Service, client: httpx.AsyncClient
) -> None:
    settings = evaluation_service.settings
    admin = _bearer(settings, Role.PROVINCE_ADMIN)
    agency = await builders.an_agency(client, admin)
    position = await builders.a_position(client, admin, agency)
    operator = _bearer(settings, Role.AGENCY_OPERATOR, agencies=[agency])

    bad_nip = await client.put(
        "/employees",
        headers=admin,
        json={
            "nip": "198502302010012003",
            "name": "Rina Siregar",
            "agency_code": agency,
            "position_code": position,
        },
    )
    absent = await client.get(f"/employees/{factories.nip()}", headers=admin)
    refused = await client.put(
        "/agencies", headers=operator, json={"code": "13", "name": "Aceh", "kind": "province"}
    )

    nip = _error(bad_nip, 422)
    assert nip.code == "invalid_nip"
    assert nip.message.startswith("NIP atau NI PPPK tidak valid: ")
    assert "tanggal lahir 1985-02-30" in nip.message
    assert [(e.field, e.code) for e in nip.errors] == [("body.nip", "nip_birth_date")]
    assert _error(absent, 404).code == "not_found"
    assert _error(absent, 404).message.startswith("Data tidak ditemukan")
    assert _error(refused, 403).code == "forbidden"
    assert "only a province admin defines a province" in _error(refused, 403).message


async def test_a_list_says_where_its_next_page_starts_and_its_last_page_that_none_does(
    evaluation_service: Service, client: httpx.AsyncClient
) -> None:
    admin = _bearer(evaluation_service.settings, Role.PROVINCE_ADMIN)
    await builders.an_agency(client, admin)  # the province, the city and an agency

    first = (await client.get("/agencies", headers=admin, params={"limit": 2})).json()
    last = (await client.get("/agencies", headers=admin, params={"limit": 2, "offset": 2})).json()
    versions = (await client.get("/framework/versions", headers=admin)).json()

    assert (len(first["items"]), first["total"], first["next_offset"]) == (2, None, 2)
    assert (len(last["items"]), last["offset"], last["next_offset"]) == (1, 2, None)
    assert {a["code"] for a in first["items"] + last["items"]} >= {"12", "12.73"}
    assert (versions["total"], versions["limit"], versions["next_offset"]) == (1, 50, None)


def _integers(
    document: dict[str, Any], schema: dict[str, Any], at: str
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, schema) of every integer a request schema holds, through refs and nesting."""
    schema = _schema(document, schema)
    if schema.get("type") == "integer" and "enum" not in schema:
        yield at, schema
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            yield from _integers(document, option, at)
    for name, field in schema.get("properties", {}).items():
        yield from _integers(document, field, f"{at}.{name}")
    if "items" in schema:
        yield from _integers(document, schema["items"], f"{at}[]")


# An unbounded integer parameter or body field was a 500: a DataError on PostgreSQL
# (/framework/versions/255581662362496973930496), an OverflowError on SQLite.
@pytest.mark.parametrize("name", BOOTSTRAPS)
def test_every_integer_a_request_carries_is_bounded_below_the_database_integer(
    services: dict[str, Service], name: str
) -> None:
    document = services[name].app.openapi()
    unbounded = []
    for method, path, operation in _operations(document):
        found = [
            (f"{p['in']}.{p['name']}", schema)
            for p in operation.get("parameters", [])
            for _, schema in _integers(document, p["schema"], "")
        ]
        for media in operation.get("requestBody", {}).get("content", {}).values():
            found += _integers(document, media["schema"], "body")
        unbounded += [
            f"{method} {path} {where}"
            for where, schema in found
            if schema.get("maximum", INT_MAX + 1) > INT_MAX
            or schema.get("minimum", -INT_MAX - 2) < -INT_MAX - 1
        ]

    assert not unbounded, f"{name}: integers without bounds"


async def test_a_huge_integer_in_the_path_is_a_422_that_names_it(
    evaluation_service: Service, client: httpx.AsyncClient
) -> None:
    admin = _bearer(evaluation_service.settings, Role.PROVINCE_ADMIN)

    response = await client.get("/framework/versions/255581662362496973930496", headers=admin)

    error = _error(response, 422)
    assert (error.field, [e.code for e in error.errors]) == ("path.version", ["less_than_equal"])


async def test_a_result_for_an_unknown_employee_is_the_404_its_operation_documents(
    evaluation_service: Service, client: httpx.AsyncClient
) -> None:
    admin = _bearer(evaluation_service.settings, Role.PROVINCE_ADMIN)
    body = {
        "nip": factories.nip(),
        "competency_code": "M.05",
        "level": 3,
        "method": "assessment_center",
        "evaluated_at": "2026-01-20T09:00:00+07:00",
    }

    response = await client.post("/results", headers=admin, json=body)

    assert _error(response, 404).field == "body.nip"
    operation = evaluation_service.app.openapi()["paths"]["/results"]["post"]
    assert "404" in operation["responses"]


# Text fields stored as given: a NUL byte is refused by PostgreSQL on insert (a 500
# there, though SQLite takes it), so each is refused at the edge with a 422 naming it.
NUL_BODIES = {
    "evaluation": ("PUT", "/training-evaluations/x/levels/1", {"note": "a\x00b"}),
    "training": ("PUT", "/courses", {"provider": "LAN\x00"}),
}


@pytest.mark.parametrize("name", sorted(NUL_BODIES))
async def test_a_nul_byte_in_a_stored_text_field_is_a_422_naming_it(
    name: str, tmp_path: Path
) -> None:
    method, path, body = NUL_BODIES[name]
    service = _build(name, tmp_path)
    admin = _bearer(service.settings, Role.PROVINCE_ADMIN)
    transport = httpx.ASGITransport(app=service.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        response = await client.request(method, path, headers=admin, json=body)

    error = _error(response, 422)
    refused = {e.field: e.message for e in error.errors}
    assert "control characters (U+0000)" in refused[f"body.{next(iter(body))}"]


@pytest.mark.parametrize("name", BOOTSTRAPS)
def test_no_route_runs_a_dependency_in_a_thread(services: dict[str, Service], name: str) -> None:
    assert threaded_dependencies(services[name].app) == []
