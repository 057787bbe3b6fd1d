"""The training REST API on an embedded SQLite database (no Kafka: events stay in the
outbox): roles, validation errors that name the field, and the OpenAPI document."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.catalog import EmployeeUpdated
from bangkom.platform.db.messaging import outbox
from bangkom.platform.db.migrations import upgrade
from bangkom.platform.service import Service
from bangkom.training.bootstrap import bootstrap
from bangkom.training.config import TrainingSettings
from tests import factories
from tests.unit.training import factories as training


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


def _auth(
    service: Service, *roles: Role, agencies: list[str] | None = None, nip: str | None = None
) -> dict[str, str]:
    token = mint_dev_token(
        service.settings, subject="t", roles=list(roles), agencies=agencies, nip=nip
    )
    return {"Authorization": f"Bearer {token}"}


async def _roster(service: Service, event: EmployeeUpdated) -> None:
    async with service.uow_factory() as uow:
        for handler in service.event_handlers[EmployeeUpdated]:
            await handler(event, uow)
        await uow.commit()


def _course_body(code: str, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": code,
        "title": "Pelayanan Publik Prima",
        "competencies": [{"competency_code": "M.05", "level_from": 1, "level_to": 3}],
        "jp": 24,
        "mode": "klasikal",
        "provider": "BPSDM Provinsi Sumatera Utara",
        "cost": 1500000,
    }
    return {**body, **changes}


def _session_body(course: str, clock: training.PinnedClock, **changes: Any) -> dict[str, Any]:
    command = training.schedule_session(course, clock())
    body = {
        "code": command.code,
        "course_code": course,
        "batch": 1,
        "starts_on": command.starts_on.isoformat(),
        "ends_on": command.ends_on.isoformat(),
        "capacity": 2,
        "enrolment_opens_at": command.enrolment_opens_at.isoformat(),
        "enrolment_closes_at": command.enrolment_closes_at.isoformat(),
        "location": "Aula BKPSDM",
        "status": "open",
    }
    return {**body, **changes}


async def test_every_route_demands_a_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/courses")

    assert response.status_code == 401


async def test_every_request_body_in_the_openapi_document_has_an_example(
    client: httpx.AsyncClient,
) -> None:
    document = (await client.get("/openapi.json")).json()
    schemas = document["components"]["schemas"]
    bodies = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if "requestBody" not in operation:
                continue
            schema = operation["requestBody"]["content"]["application/json"]["schema"]
            refs = [schema, *schema.get("anyOf", [])]
            name = next(r["$ref"].rsplit("/", 1)[1] for r in refs if "$ref" in r)
            bodies.append((method, path, name))
            assert schemas[name].get("examples"), f"{method.upper()} {path}: {name} has no example"

    assert len(bodies) == 13
    assert ("post", "/enrolments", "EnrolmentCreate") in bodies
    error = document["paths"]["/enrolments"]["post"]["responses"]["409"]
    assert error["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorPublic")


async def test_the_catalog_is_curated_by_a_province_admin_and_read_by_everyone(
    service: Service, client: httpx.AsyncClient
) -> None:
    operator = _auth(service, Role.AGENCY_OPERATOR, agencies=["1273.BKPSDM"])
    code = training.course_code()

    refused = await client.put("/courses", headers=operator, json=_course_body(code))
    created = await client.put(
        "/courses", headers=_auth(service, Role.PROVINCE_ADMIN), json=_course_body(code)
    )
    found = await client.get("/courses", headers=operator, params={"competency_code": "M.05"})

    assert refused.status_code == 403
    assert created.status_code == 200, created.text
    assert [c["code"] for c in found.json()["items"]] == [code]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"jp": 0}, "jp"),
        ({"mode": "webinar"}, "mode"),
        (
            {"competencies": [{"competency_code": "X.1", "level_from": 1, "level_to": 2}]},
            "competency_code",
        ),
    ],
)
async def test_an_invalid_course_is_a_422_naming_the_field(
    service: Service, client: httpx.AsyncClient, changes: dict[str, Any], field: str
) -> None:
    response = await client.put(
        "/courses",
        headers=_auth(service, Role.PROVINCE_ADMIN),
        json=_course_body(training.course_code(), **changes),
    )

    assert response.status_code == 422
    assert field in str(response.json()["message"])


async def test_a_course_whose_levels_go_down_is_a_422_that_says_so(
    service: Service, client: httpx.AsyncClient
) -> None:
    body = _course_body(
        training.course_code(),
        competencies=[{"competency_code": "M.05", "level_from": 3, "level_to": 2}],
    )

    response = await client.put("/courses", headers=_auth(service, Role.PROVINCE_ADMIN), json=body)

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_course"
    assert response.json()["message"] == (
        "Data kursus tidak valid: M.05: level_from 3 must be below level_to 2, both within 1-5"
    )


async def test_an_impossible_session_is_a_422_naming_the_field(
    service: Service, client: httpx.AsyncClient, clock: training.PinnedClock
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    code = training.course_code()
    await client.put("/courses", headers=admin, json=_course_body(code))

    no_place = await client.put(
        "/sessions", headers=admin, json=_session_body(code, clock, location=None)
    )
    backwards = await client.put(
        "/sessions", headers=admin, json=_session_body(code, clock, ends_on="2020-01-01")
    )
    unknown = await client.put("/sessions", headers=admin, json=_session_body("NOPE", clock))

    assert (no_place.status_code, backwards.status_code, unknown.status_code) == (422, 422, 422)
    assert "location is required" in no_place.json()["message"]
    assert "ends_on" in backwards.json()["message"]
    assert unknown.json()["message"].endswith("course_code: course NOPE is not in the catalog")
    assert unknown.json()["field"] == "body.course_code"


async def test_enrolment_over_rest_fills_seats_then_the_waitlist_within_scope(
    service: Service, client: httpx.AsyncClient, clock: training.PinnedClock
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    agency = factories.agency_code()
    operator = _auth(service, Role.AGENCY_OPERATOR, agencies=[agency])
    stranger = _auth(service, Role.AGENCY_OPERATOR, agencies=[factories.agency_code()])
    people = [training.employee_updated(agency=agency) for _ in range(3)]
    for person in people:
        await _roster(service, person)
    code = training.course_code()
    await client.put("/courses", headers=admin, json=_course_body(code))
    session = (await client.put("/sessions", headers=admin, json=_session_body(code, clock))).json()

    statuses = []
    for person in people:
        response = await client.post(
            "/enrolments",
            headers=operator,
            json={"session_code": session["code"], "nip": person.nip},
        )
        assert response.status_code == 201, response.text
        statuses.append(response.json()["status"])
    again = await client.post(
        "/enrolments",
        headers=operator,
        json={"session_code": session["code"], "nip": people[0].nip},
    )
    outsider = await client.post(
        "/enrolments",
        headers=stranger,
        json={"session_code": session["code"], "nip": people[0].nip},
    )
    seats = (await client.get(f"/sessions/{session['code']}", headers=stranger)).json()
    seen_by_stranger = (await client.get("/enrolments", headers=stranger)).json()
    own = _auth(service, Role.EMPLOYEE, nip=people[1].nip)
    seen_by_employee = (await client.get("/enrolments", headers=own)).json()

    assert statuses == ["enrolled", "enrolled", "waitlisted"]
    assert again.status_code == 409
    assert "already enrolled" in again.json()["message"]
    assert outsider.status_code == 404
    assert (seats["enrolled"], seats["waitlisted"], seats["seats_left"]) == (2, 1, 0)
    assert seen_by_stranger["items"] == []
    assert [e["nip"] for e in seen_by_employee["items"]] == [people[1].nip]


async def test_a_malformed_nip_is_a_422_before_anything_is_looked_up(
    service: Service, client: httpx.AsyncClient
) -> None:
    response = await client.post(
        "/enrolments",
        headers=_auth(service, Role.PROVINCE_ADMIN),
        json={"session_code": "S-1", "nip": "12345"},
    )

    assert response.status_code == 422
    assert response.json()["field"] == "body.nip"


async def test_a_cancellation_over_rest_promotes_and_both_changes_wait_in_the_outbox(
    service: Service, client: httpx.AsyncClient, clock: training.PinnedClock
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    people = [training.employee_updated() for _ in range(2)]
    for person in people:
        await _roster(service, person)
    code = training.course_code()
    await client.put("/courses", headers=admin, json=_course_body(code))
    session = (
        await client.put("/sessions", headers=admin, json=_session_body(code, clock, capacity=1))
    ).json()
    enrolments = [
        (
            await client.post(
                "/enrolments", headers=admin, json={"session_code": session["code"], "nip": p.nip}
            )
        ).json()
        for p in people
    ]

    cancelled = await client.post(
        f"/enrolments/{enrolments[0]['id']}/cancellation", headers=admin, json={"reason": "sakit"}
    )
    twice = await client.post(
        f"/enrolments/{enrolments[0]['id']}/cancellation", headers=admin, json={}
    )

    assert cancelled.status_code == 200, cancelled.text
    body = cancelled.json()
    assert (body["cancelled"]["status"], body["promoted"]) == ("cancelled", 1)
    assert body["promoted_enrolments"][0]["nip"] == people[1].nip
    assert twice.status_code == 409
    async with service.database.engine.connect() as connection:
        enrolment_events = await connection.scalar(
            select(func.count()).where(outbox.c.type.like("%enrolment.changed%"))
        )
    assert enrolment_events == 4  # two enrolments, one cancellation, one promotion


async def test_compliance_is_read_within_scope_and_checked_by_curators(
    service: Service, client: httpx.AsyncClient
) -> None:
    agency = factories.agency_code()
    await _roster(service, training.employee_updated(agency=agency))
    operator = _auth(service, Role.AGENCY_OPERATOR, agencies=[agency])

    mine = await client.get(f"/compliance/agencies/{agency}", headers=operator)
    other = await client.get(f"/compliance/agencies/{factories.agency_code()}", headers=operator)
    check = await client.post("/compliance/checks", headers=operator)

    assert mine.status_code == 200
    assert (mine.json()["employees"], mine.json()["jp_missing"]) == (1, 20)
    assert other.status_code == 404
    assert check.status_code == 403
