"""The xAPI 1.0.3 statements resource of training, on an embedded SQLite database:
platforms' credentials, the version header, statements becoming completions once per
statement id and per attempt, and unmapped statements applied once mapped."""

import base64
import hashlib
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bangkom.platform.auth import Role
from bangkom.platform.catalog import CompletionRecorded
from bangkom.platform.db.messaging import outbox
from bangkom.platform.db.migrations import upgrade
from bangkom.platform.service import Service
from bangkom.training.adapters.tables import LearningPlatformRow
from bangkom.training.bootstrap import bootstrap
from bangkom.training.config import TrainingSettings
from bangkom.training.domain.xapi import COMPLETED, PASSED
from tests.apps import bearer
from tests.unit.training import factories as training

ACTIVITY = "https://lms.pemkot.example/course/pelayanan-prima"
COURSE = "PP-XAPI"


@pytest.fixture
def clock() -> training.PinnedClock:
    return training.PinnedClock()


@pytest.fixture
async def service(tmp_path: Path, clock: training.PinnedClock) -> AsyncIterator[Service]:
    settings = TrainingSettings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'training.db'}",
        auth_dev_key_file=tmp_path / "dev.pem",
    )
    service = bootstrap(settings, clock=clock)
    await upgrade(service.database.engine, service.migrations)
    yield service
    await service.database.dispose()


@pytest.fixture
async def client(service: Service) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=service.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://training") as client:
        yield client


@pytest.fixture
def admin(service: Service) -> dict[str, str]:
    return bearer(service, Role.PROVINCE_ADMIN)


@pytest.fixture
async def nip(service: Service) -> str:
    event = training.employee_updated()
    async with service.uow_factory() as uow:
        for handler in service.event_handlers[type(event)]:
            await handler(event, uow)
        await uow.commit()
    return event.nip


@pytest.fixture
async def platform(client: httpx.AsyncClient, admin: dict[str, str]) -> dict[str, str]:
    """The headers a registered platform sends: Basic credentials and the version."""
    course = {
        "code": COURSE,
        "title": "Pelayanan Publik Prima (daring)",
        "competencies": [{"competency_code": "M.05", "level_from": 1, "level_to": 3}],
        "jp": 24,
        "mode": "e_learning",
        "provider": "LMS Pemkot",
        "cost": 0,
    }
    assert (await client.put("/courses", headers=admin, json=course)).status_code in (200, 201)
    registered = await client.post(
        "/xapi/platforms", headers=admin, json={"code": "LMS-PEMKOT", "name": "LMS Pemkot"}
    )
    assert registered.status_code == 201, registered.text
    return _platform_headers("LMS-PEMKOT", registered.json()["secret"])


def _platform_headers(code: str, secret: str) -> dict[str, str]:
    token = base64.b64encode(f"{code}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}


def _statement(nip: str, verb: str = PASSED, **changes: Any) -> dict[str, Any]:
    statement = {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"homePage": "https://lms.pemkot.example", "name": nip}},
        "verb": {"id": verb},
        "object": {"id": ACTIVITY, "objectType": "Activity"},
        "result": {"success": True},
        "timestamp": "2027-02-20T10:15:00+07:00",
    }
    return {**statement, **changes}


async def _map(client: httpx.AsyncClient, admin: dict[str, str]) -> int:
    mapped = await client.put(
        "/xapi/activities", headers=admin, json={"activity_id": ACTIVITY, "course_code": COURSE}
    )
    assert mapped.status_code == 200, mapped.text
    return int(mapped.json()["applied"])


async def _completions(client: httpx.AsyncClient, admin: dict[str, str], nip: str) -> list[Any]:
    response = await client.get("/completions", headers=admin, params={"nip": nip})
    return list(response.json()["items"])


async def _completion_events(service: Service) -> int:
    async with service.database.sessions() as session:
        return int(
            await session.scalar(
                select(func.count()).where(outbox.c.type == CompletionRecorded.TYPE)
            )
            or 0
        )


async def test_a_passed_statement_becomes_one_completion_with_its_jp(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    platform: dict[str, str],
    nip: str,
    service: Service,
) -> None:
    await _map(client, admin)
    statement = _statement(nip)

    stored = await client.post("/xapi/statements", headers=platform, json=statement)
    again = await client.post("/xapi/statements", headers=platform, json=[statement])
    put_again = await client.put(
        "/xapi/statements",
        headers=platform,
        params={"statementId": statement["id"]},
        json=statement,
    )

    assert (stored.status_code, stored.json()) == (200, [statement["id"]]), stored.text
    assert stored.headers["X-Experience-API-Version"] == "1.0.3"
    assert (again.status_code, put_again.status_code) == (200, 204)
    [completion] = await _completions(client, admin, nip)
    assert (completion["course_code"], completion["jp_credited"]) == (COURSE, 24)
    assert (completion["source"], completion["outcome"]) == ("lms", "passed")
    assert completion["reference"] == f"xapi:{statement['id']}"
    assert completion["recorded_by"] == "xapi:LMS-PEMKOT"
    assert await _completion_events(service) == 1


async def test_the_same_id_with_other_content_is_a_409_and_the_batch_is_not_stored(
    client: httpx.AsyncClient, admin: dict[str, str], platform: dict[str, str], nip: str
) -> None:
    await _map(client, admin)
    first = _statement(nip)
    assert (await client.post("/xapi/statements", headers=platform, json=first)).status_code == 200
    changed = {**first, "result": {"success": False}}
    fresh = _statement(nip)

    refused = await client.post("/xapi/statements", headers=platform, json=[fresh, changed])
    refused_put = await client.put(
        "/xapi/statements", headers=platform, params={"statementId": first["id"]}, json=changed
    )

    assert (refused.status_code, refused.json()["code"]) == (409, "conflict")
    assert first["id"] in refused.json()["message"]
    assert refused_put.status_code == 409
    received = (await client.get("/xapi/received", headers=admin)).json()["items"]
    assert [s["id"] for s in received] == [first["id"]]


async def test_completed_then_passed_of_one_attempt_credit_the_jp_once(
    client: httpx.AsyncClient, admin: dict[str, str], platform: dict[str, str], nip: str
) -> None:
    await _map(client, admin)
    attempt = {"registration": str(uuid.uuid4())}
    completed = _statement(nip, COMPLETED, context=attempt)
    passed = _statement(nip, PASSED, context=attempt)
    attempted = _statement(nip, "http://adlnet.gov/expapi/verbs/attempted")

    stored = await client.post(
        "/xapi/statements", headers=platform, json=[attempted, completed, passed]
    )

    assert stored.status_code == 200, stored.text
    [completion] = await _completions(client, admin, nip)
    assert completion["reference"] == f"xapi:{attempt['registration']}"
    received = {
        s["id"]: (s["status"], s["completion_id"])
        for s in (await client.get("/xapi/received", headers=admin)).json()["items"]
    }
    assert received == {
        attempted["id"]: ("ignored", None),
        completed["id"]: ("applied", completion["id"]),
        passed["id"]: ("applied", completion["id"]),
    }


async def test_unmapped_statements_wait_and_are_applied_when_mapped(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    platform: dict[str, str],
    nip: str,
    service: Service,
) -> None:
    by_account = _statement(nip)
    by_mailbox = _statement(nip, actor={"mbox": "mailto:Rina.Siregar@pemkot.example"})
    stored = await client.post("/xapi/statements", headers=platform, json=[by_account, by_mailbox])
    assert stored.status_code == 200
    waiting = (
        await client.get("/xapi/received", headers=admin, params={"status": "unmapped"})
    ).json()["items"]
    assert {s["id"] for s in waiting} == {by_account["id"], by_mailbox["id"]}
    assert all("not mapped to a course" in s["reason"] for s in waiting)
    assert await _completions(client, admin, nip) == []

    applied_by_activity = await _map(client, admin)
    registered = await client.put(
        "/xapi/actors",
        headers=admin,
        json={"mbox": "mailto:rina.siregar@pemkot.example", "nip": nip},
    )

    assert applied_by_activity == 1  # the mailbox is not known yet
    assert (registered.status_code, registered.json()["applied"]) == (200, 1)
    assert len(await _completions(client, admin, nip)) == 2
    assert await _completion_events(service) == 2
    assert (
        await client.get("/xapi/received", headers=admin, params={"status": "unmapped"})
    ).json()["items"] == []


async def test_a_platform_needs_its_credentials_and_the_version_header(
    client: httpx.AsyncClient,
    platform: dict[str, str],
    nip: str,
    service: Service,
    clock: training.PinnedClock,
) -> None:
    statement = _statement(nip)
    no_version = {k: v for k, v in platform.items() if k != "X-Experience-API-Version"}
    wrong = _platform_headers("LMS-PEMKOT", "bukan-rahasianya")
    future = _statement(nip, timestamp=(clock() + timedelta(days=2)).isoformat())

    missing_header = await client.post("/xapi/statements", headers=no_version, json=statement)
    old_version = await client.post(
        "/xapi/statements",
        headers={**platform, "X-Experience-API-Version": "0.95"},
        json=statement,
    )
    anonymous = await client.post(
        "/xapi/statements", headers={"X-Experience-API-Version": "1.0.3"}, json=statement
    )
    refused = await client.post("/xapi/statements", headers=wrong, json=statement)
    bearer_token = await client.post(
        "/xapi/statements",
        headers={**bearer(service, Role.PROVINCE_ADMIN), "X-Experience-API-Version": "1.0.3"},
        json=statement,
    )
    in_future = await client.post("/xapi/statements", headers=platform, json=future)
    no_actor = await client.post(
        "/xapi/statements", headers=platform, json={**statement, "actor": {"name": "Rina"}}
    )

    assert (missing_header.status_code, missing_header.json()["code"]) == (400, "bad_request")
    assert missing_header.json()["field"] == "header.X-Experience-API-Version"
    assert old_version.status_code == 400
    assert [r.status_code for r in (anonymous, refused, bearer_token)] == [401] * 3
    assert refused.headers["WWW-Authenticate"] == 'Basic realm="bangkom xAPI"'
    assert refused.json()["code"] == "invalid_platform_credentials"
    assert (in_future.status_code, in_future.json()["field"]) == (422, "body.timestamp")
    assert no_actor.status_code == 422


async def test_platforms_and_mappings_are_a_province_admins_and_a_secret_is_kept_as_a_digest(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    platform: dict[str, str],
    nip: str,
    service: Service,
) -> None:
    operator = bearer(service, Role.AGENCY_OPERATOR, agencies=["12.73.99"])

    refused = [
        await client.post("/xapi/platforms", headers=operator, json={"code": "X", "name": "X"}),
        await client.put(
            "/xapi/activities",
            headers=operator,
            json={"activity_id": ACTIVITY, "course_code": COURSE},
        ),
        await client.get("/xapi/received", headers=operator),
    ]
    outside_scope = await client.put(
        "/xapi/actors",
        headers=operator,
        json={"mbox": "mailto:rina.siregar@pemkot.example", "nip": nip},
    )
    renewed = await client.post(
        "/xapi/platforms", headers=admin, json={"code": "LMS-PEMKOT", "name": "LMS Pemkot"}
    )
    with_old_secret = await client.post("/xapi/statements", headers=platform, json=_statement(nip))

    assert [r.status_code for r in refused] == [403, 403, 403]
    assert outside_scope.status_code == 404  # another agency's employee looks absent
    assert renewed.status_code == 201
    assert with_old_secret.status_code == 401
    async with service.database.sessions() as session:
        row = await session.get(LearningPlatformRow, "LMS-PEMKOT")
    secret = renewed.json()["secret"]
    assert row is not None
    assert row.secret_digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in row.model_dump_json()


async def test_a_statement_of_a_nip_not_yet_in_the_roster_is_applied_when_it_arrives(
    client: httpx.AsyncClient, admin: dict[str, str], platform: dict[str, str], service: Service
) -> None:
    await _map(client, admin)
    newcomer = training.employee_updated()
    statement = _statement(newcomer.nip)
    assert (await client.post("/xapi/statements", headers=platform, json=statement)).is_success
    [waiting] = (
        await client.get("/xapi/received", headers=admin, params={"status": "unmapped"})
    ).json()["items"]
    assert "not a known employee" in waiting["reason"]

    async with service.uow_factory() as uow:
        for handler in service.event_handlers[type(newcomer)]:
            await handler(newcomer, uow)
        await uow.commit()

    [completion] = await _completions(client, admin, newcomer.nip)
    assert completion["reference"] == f"xapi:{statement['id']}"


async def test_a_nul_character_in_a_mapping_or_a_statement_is_a_422_and_nothing_is_stored(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    platform: dict[str, str],
    nip: str,
    service: Service,
) -> None:
    """make fuzz found PUT /xapi/activities with a NUL in the activity id answered 500:
    PostgreSQL refuses the character in text and in jsonb (a statement is kept as sent)."""
    await _map(client, admin)
    in_extension = _statement(nip, context={"extensions": {"https://x.example/n": "a\x00"}})

    mapping = await client.put(
        "/xapi/activities", headers=admin, json={"activity_id": "A:Z\x00b", "course_code": COURSE}
    )
    actor = await client.put(
        "/xapi/actors", headers=admin, json={"mbox": "mailto:a\x00@b.id", "nip": nip}
    )
    statement = await client.post("/xapi/statements", headers=platform, json=in_extension)

    assert (mapping.status_code, actor.status_code, statement.status_code) == (422, 422, 422)
    assert "U+0000" in statement.json()["message"]
    assert await _completions(client, admin, nip) == []
    assert await _completion_events(service) == 0
