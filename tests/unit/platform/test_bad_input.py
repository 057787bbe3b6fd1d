"""Bad input any route may get is a 4xx ErrorPublic, decided once in the platform:
parameters holding control characters (PostgreSQL refuses NUL: it was a 500 there),
bodies and uploads over the size limits of the settings (413), bodies that are not
readable text (400)."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bangkom.evaluation.bootstrap import bootstrap
from bangkom.evaluation.config import EvaluationSettings
from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.service import Service
from bangkom.platform.web.errors import ErrorPublic

BODY_LIMIT = 2_000
UPLOAD_LIMIT = 5_000


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    settings = EvaluationSettings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'evaluation.db'}",
        auth_dev_key_file=tmp_path / "dev.pem",
        http_max_body_bytes=BODY_LIMIT,
        http_max_upload_bytes=UPLOAD_LIMIT,
    )
    service = bootstrap(settings)
    await service.prepare()
    yield service
    await service.database.dispose()


@pytest.fixture
async def client(service: Service) -> AsyncIterator[httpx.AsyncClient]:
    token = mint_dev_token(service.settings, subject="admin", roles=[Role.PROVINCE_ADMIN])
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=service.app),
        base_url="http://evaluation",
        headers={"Authorization": f"Bearer {token}"},
    ) as client:
        yield client


def _error(response: httpx.Response, status: int) -> ErrorPublic:
    assert response.status_code == status, response.text
    return ErrorPublic.model_validate(response.json())


@pytest.mark.parametrize("value", ["12\x00", "\x0712"])
async def test_a_query_parameter_with_a_control_character_is_a_422_naming_it(
    client: httpx.AsyncClient, value: str
) -> None:
    error = _error(await client.get("/agencies", params={"parent_code": value}), 422)

    assert (error.code, error.field) == ("validation_failed", "query.parent_code")
    assert [e.code for e in error.errors] == ["control_character"]
    assert "U+00" in error.message


async def test_a_path_parameter_with_a_control_character_is_a_422_not_a_lookup(
    client: httpx.AsyncClient,
) -> None:
    error = _error(await client.get("/agencies/12%00"), 422)

    assert (error.code, error.field) == ("validation_failed", "path.code")


def _results(count: int) -> dict[str, object]:
    one = {
        "nip": "198503152010012003",
        "competency_code": "M.05",
        "level": 3,
        "method": "assessment_center",
        "evaluated_at": "2026-11-20T09:00:00+07:00",
    }
    return {"results": [one] * count}


async def test_a_body_over_the_limit_is_a_413_before_it_is_read(
    client: httpx.AsyncClient,
) -> None:
    error = _error(await client.post("/results/batch", json=_results(40)), 413)

    assert error.code == "payload_too_large"
    assert error.message == "Isi permintaan terlalu besar: batas isi permintaan 2.000 byte"


async def test_a_chunked_body_is_refused_once_it_passes_the_limit(
    client: httpx.AsyncClient,
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"results": ['
        for _ in range(100):
            yield b'{"nip": "198503152010012003"},'
        yield b"{}]}"

    response = await client.post(
        "/results/batch", content=chunks(), headers={"Content-Type": "application/json"}
    )

    assert "content-length" not in response.request.headers
    assert _error(response, 413).code == "payload_too_large"


async def test_a_body_within_the_limit_is_read(client: httpx.AsyncClient) -> None:
    response = await client.post("/results/batch", json=_results(1))

    assert response.status_code == 200, response.text


async def test_an_upload_has_its_own_larger_limit(client: httpx.AsyncClient) -> None:
    row = b"198503152010012003,Rina,12.73.X,12.73.X-PENGAWAS\n"
    header = b"nip,name,agency_code,position_code\n"
    small = {"file": ("roster.csv", header + row * 50, "text/csv")}  # > body limit
    large = {"file": ("roster.csv", header + row * 200, "text/csv")}

    accepted = await client.post("/imports/roster", files=small)
    refused = await client.post("/imports/roster", files=large)

    assert accepted.status_code == 202, accepted.text
    error = _error(refused, 413)
    assert error.message.endswith("batas unggahan berkas 5.000 byte")


async def test_a_body_that_is_not_utf8_is_a_400_in_bahasa_indonesia(
    client: httpx.AsyncClient,
) -> None:
    response = await client.put(
        "/agencies", content=b"\xff\xfe{", headers={"Content-Type": "application/json"}
    )

    error = _error(response, 400)
    assert error.code == "bad_request"
    assert "isi permintaan tidak dapat dibaca" in error.message


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"evaluated_at": 0}, "body.results[0].evaluated_at"),
        ({"evaluated_at": "1700000000"}, "body.results[0].evaluated_at"),
        ({"level": "3"}, "body.results[0].level"),
        ({"level": True}, "body.results[0].level"),
    ],
)
async def test_a_body_value_of_another_json_type_is_a_422_not_coerced(
    client: httpx.AsyncClient, change: dict[str, object], field: str
) -> None:
    """FastAPI's lenient validation took 0 as 1970-01-01 and true as 1; the batch then
    answered 200 with the row refused for another reason, or stored it."""
    body = _results(1)
    body["results"] = [{**body["results"][0], **change}]  # type: ignore[index]

    error = _error(await client.post("/results/batch", json=body), 422)

    assert error.field == field


async def test_a_boolean_given_as_a_number_is_a_422(client: httpx.AsyncClient) -> None:
    body = {"code": "12", "name": "Sumatera Utara", "kind": "province", "active": 0}

    error = _error(await client.put("/agencies", json=body), 422)

    assert (error.field, [e.code for e in error.errors]) == ("body.active", ["bool_type"])


async def test_nul_in_any_string_of_a_body_is_a_422_naming_where(
    client: httpx.AsyncClient,
) -> None:
    """PostgreSQL refuses NUL in text: a NUL in POST /results' nip was a 500 there."""
    body = _results(2)
    body["results"] = [body["results"][0], {**body["results"][1], "nip": "1985\x00"}]  # type: ignore[index]

    error = _error(await client.post("/results/batch", json=body), 422)

    assert (error.field, [e.code for e in error.errors]) == (
        "body.results[1].nip",
        ["control_character"],
    )


async def test_a_body_holding_an_escaped_nul_that_is_not_json_is_a_422(
    client: httpx.AsyncClient,
) -> None:
    """The NUL walk parses only what the strict validation would parse: a cut-off body
    with \\u0000 in it is the client's mistake (json_invalid), not a 500."""
    response = await client.post(
        "/results/batch",
        content=b'{"results": [{"nip": "1985\\u0000',
        headers={"content-type": "application/json"},
    )

    assert [e.code for e in _error(response, 422).errors] == ["json_invalid"]
