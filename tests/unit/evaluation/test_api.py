"""The evaluation REST API on an embedded SQLite database (no Kafka needed: events
stay in the outbox)."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from bangkom.evaluation.bootstrap import bootstrap
from bangkom.evaluation.config import EvaluationSettings
from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.db.messaging import outbox
from bangkom.platform.db.migrations import upgrade
from bangkom.platform.service import Service
from tests import factories


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    settings = EvaluationSettings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'evaluation.db'}",
        auth_dev_key_file=tmp_path / "dev.pem",
    )
    service = bootstrap(settings)
    await upgrade(service.database.engine, service.migrations)
    yield service
    await service.database.dispose()


@pytest.fixture
async def client(service: Service) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=service.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://evaluation") as client:
        yield client


def _auth(service: Service, *roles: Role, agencies: list[str] | None = None) -> dict[str, str]:
    token = mint_dev_token(service.settings, subject="t", roles=list(roles), agencies=agencies)
    return {"Authorization": f"Bearer {token}"}


async def _setup_agency(client: httpx.AsyncClient, admin: dict[str, str]) -> tuple[str, str, str]:
    agency = factories.agency_code()
    position = f"{agency}-ANALIS"
    nip = factories.nip()
    response = await client.put(
        "/positions",
        headers=admin,
        json={"code": position, "name": "Analis", "agency_code": agency, "standard": {"M.05": 3}},
    )
    assert response.status_code == 200, response.text
    response = await client.put(
        "/employees",
        headers=admin,
        json={"nip": nip, "name": "Rina", "agency_code": agency, "position_code": position},
    )
    assert response.status_code == 200, response.text
    return agency, position, nip


def _result(nip: str, level: int = 2) -> dict[str, object]:
    return {
        "nip": nip,
        "competency_code": "M.05",
        "level": level,
        "method": "cat",
        "evaluated_at": "2026-11-01T09:00:00+07:00",
    }


async def test_a_request_without_a_token_is_401(client: httpx.AsyncClient) -> None:
    response = await client.get(f"/employees/{factories.nip()}")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_result_with_a_bad_level_is_422_naming_the_field_and_stores_nothing(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    _, _, nip = await _setup_agency(client, admin)

    response = await client.post(
        "/results",
        headers=admin,
        json=_result(nip, level=7),
    )

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "level"]
    assert "less than or equal to 5" in error["msg"]
    listed = await client.get(f"/employees/{nip}/results", headers=admin)
    assert listed.json() == []


async def test_an_invalid_nip_is_422_with_the_reason(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    agency, position, _ = await _setup_agency(client, admin)

    response = await client.put(
        "/employees",
        headers=admin,
        json={
            "nip": "198502302010012003",
            "name": "X",
            "agency_code": agency,
            "position_code": position,
        },
    )

    assert response.status_code == 422
    assert "birth date 1985-02-30" in response.json()["detail"]


async def test_an_operator_of_another_agency_is_refused_on_reads_and_writes(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    agency, position, nip = await _setup_agency(client, admin)
    stranger = _auth(service, Role.AGENCY_OPERATOR, agencies=[factories.agency_code()])

    reads = [
        await client.get(f"/employees/{nip}", headers=stranger),
        await client.get(f"/employees/{nip}/results", headers=stranger),
        await client.get(f"/positions/{position}", headers=stranger),
    ]
    writes = [
        await client.post(
            "/results",
            headers=stranger,
            json=_result(nip),
        ),
        await client.put(
            "/employees",
            headers=stranger,
            json={"nip": nip, "name": "Moved", "agency_code": agency, "position_code": position},
        ),
    ]

    assert [r.status_code for r in reads] == [404, 404, 404]
    assert [r.status_code for r in writes] == [404, 403]
    own = _auth(service, Role.AGENCY_OPERATOR, agencies=[agency])
    assert (await client.get(f"/employees/{nip}", headers=own)).json()["name"] == "Rina"


async def test_a_recorded_result_and_its_event_commit_together(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    _, _, nip = await _setup_agency(client, admin)

    response = await client.post(
        "/results",
        headers=admin,
        json=_result(nip),
    )

    assert response.status_code == 201
    async with service.database.sessions() as session:
        pending = await session.scalar(
            select(func.count()).where(
                outbox.c.type == "id.go.bangkom.evaluation.result.recorded.v1",
                outbox.c.subject == nip,
            )
        )
    assert pending == 1
