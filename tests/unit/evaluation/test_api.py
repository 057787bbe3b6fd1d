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
from bangkom.platform.catalog import ResultRecorded, ResultsRecorded, StandardPublished
from bangkom.platform.db.messaging import outbox
from bangkom.platform.service import Service
from tests import builders, factories
from tests.apps import asgi_client, on_sqlite


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    async with on_sqlite(bootstrap, EvaluationSettings, tmp_path) as service:
        yield service


@pytest.fixture
async def client(service: Service) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(service) as client:
        yield client


def _auth(service: Service, *roles: Role, agencies: list[str] | None = None) -> dict[str, str]:
    token = mint_dev_token(service.settings, subject="t", roles=list(roles), agencies=agencies)
    return {"Authorization": f"Bearer {token}"}


async def _setup_agency(client: httpx.AsyncClient, admin: dict[str, str]) -> tuple[str, str, str]:
    agency = await builders.an_agency(client, admin)
    position = await builders.a_position(client, admin, agency)
    return agency, position, await builders.an_employee(client, admin, agency, position)


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
    assert response.headers["www-authenticate"] == 'Bearer realm="bangkom"'


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
    body = response.json()
    assert (body["code"], body["field"]) == ("validation_failed", "body.level")
    [error] = body["errors"]
    assert (error["field"], error["code"]) == ("body.level", "less_than_equal")
    assert "less than or equal to 5" in error["message"]
    listed = await client.get(f"/employees/{nip}/results", headers=admin)
    assert listed.json()["items"] == []


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
    assert response.json()["code"] == "invalid_nip"
    assert "tanggal lahir 1985-02-30" in response.json()["message"]


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
    assert (await client.get(f"/employees/{nip}", headers=own)).json()["name"] == "Rina Siregar"


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


async def test_the_same_key_with_another_level_is_a_409_and_is_stored_once(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    _, _, nip = await _setup_agency(client, admin)
    body = _result(nip)

    first = await client.post("/results", headers=admin, json=body)
    again = await client.post("/results", headers=admin, json=body)
    other_level = await client.post("/results", headers=admin, json=body | {"level": 4})

    assert (first.status_code, again.status_code, other_level.status_code) == (201, 200, 409)
    assert other_level.json()["code"] == "conflict"
    stored = await client.get(f"/employees/{nip}/results", headers=admin)
    assert [r["level"] for r in stored.json()["items"]] == [body["level"]]


async def test_a_result_for_a_technical_competency_defined_nowhere_is_refused(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    _, _, nip = await _setup_agency(client, admin)

    single = await client.post(
        "/results", headers=admin, json=_result(nip) | {"competency_code": "T.NOPE.01"}
    )
    batch = await client.post(
        "/results/batch",
        headers=admin,
        json={"results": [_result(nip) | {"competency_code": "T.NOPE.01"}, _result(nip)]},
    )

    assert single.status_code == 422
    assert (single.json()["code"], single.json()["field"]) == (
        "technical_unknown",
        "body.competency_code",
    )
    assert "kompetensi teknis T.NOPE.01 belum didefinisikan" in single.json()["message"]
    assert batch.status_code == 200, batch.text
    stored = await client.get(f"/employees/{nip}/results", headers=admin)
    assert [r["competency_code"] for r in stored.json()["items"]] == ["M.05"]


async def test_an_assessor_with_a_nul_byte_is_refused_and_nothing_is_stored(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    _, _, nip = await _setup_agency(client, admin)

    refused = await client.post(
        "/results", headers=admin, json=_result(nip) | {"assessor": "UPT\x00Penilaian"}
    )

    assert refused.status_code == 422
    assert refused.json()["field"] == "body.assessor"
    assert "U+0000" in refused.json()["message"]
    stored = await client.get(f"/employees/{nip}/results", headers=admin)
    assert stored.json()["items"] == []


async def test_a_nip_that_is_not_18_digits_is_refused_before_any_lookup(
    client: httpx.AsyncClient, service: Service
) -> None:
    """make fuzz found a NUL in a result's NIP answered with 500 on PostgreSQL, which
    refuses the byte in the employee lookup (SQLite answered 404)."""
    admin = _auth(service, Role.PROVINCE_ADMIN)
    _, _, nip = await _setup_agency(client, admin)
    bad = nip[:17] + "\x00"

    single = await client.post("/results", headers=admin, json=_result(bad))
    batch = await client.post("/results/batch", headers=admin, json={"results": [_result(bad)]})

    assert (single.status_code, single.json()["field"]) == (422, "body.nip")
    assert (batch.status_code, batch.json()["field"]) == (422, "body.results[0].nip")


async def test_a_new_framework_version_keeps_the_old_one_readable(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    defaults = {
        code: 3
        for code in ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]
    }

    published = await client.post(
        "/framework/versions",
        headers=admin,
        json={"note": "pengawas naik", "position_type_defaults": {"pengawas": defaults}},
    )

    assert published.status_code == 201, published.text
    versions = (await client.get("/framework/versions", headers=admin)).json()["items"]
    assert [v["version"] for v in versions] == [1, 2]
    first = (await client.get("/framework/versions/1", headers=admin)).json()
    current = (await client.get("/framework", headers=admin)).json()
    assert first["position_type_defaults"]["pengawas"]["M.05"] == 2
    assert current["position_type_defaults"]["pengawas"]["M.05"] == 3
    assert current["version"] == 2
    assert {c["code"] for c in current["competencies"]} >= {"M.01", "SK.01"}
    assert (await client.get("/framework/versions/9", headers=admin)).status_code == 404


async def test_a_preview_names_the_positions_and_employees_a_version_would_recalculate(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    agency = await builders.an_agency(client, admin)
    raised = await builders.a_position(client, admin, agency)  # pengawas: M.05 2 -> 3
    kept = f"{agency}-PENGAWAS-PELAYANAN"  # already asks M.05 at 3: its standard stays
    placed = await client.put(
        "/positions",
        headers=admin,
        json={
            "code": kept,
            "name": "Pengawas pelayanan",
            "agency_code": agency,
            "position_type": "pengawas",
            "overrides": {"M.05": 3},
        },
    )
    assert placed.status_code == 200, placed.text
    other = await builders.a_position(client, admin, agency, position_type="pelaksana")
    for position, staff in ((raised, 2), (kept, 1), (other, 1)):
        for _ in range(staff):
            await builders.an_employee(client, admin, agency, position)
    defaults = (await client.get("/framework", headers=admin)).json()["position_type_defaults"]
    body = {"position_type_defaults": {"pengawas": defaults["pengawas"] | {"M.05": 3}}}

    async def standards_sent() -> int:
        async with service.database.sessions() as session:
            count = await session.scalar(
                select(func.count()).where(outbox.c.type == StandardPublished.TYPE)
            )
        return int(count or 0)

    before = await standards_sent()
    preview = await client.post("/framework/versions/preview", headers=admin, json=body)

    assert preview.status_code == 200, preview.text
    assert preview.json() == {
        "version": 2,
        "positions": [
            {"code": raised, "name": "Jabatan pengawas", "agency_code": agency, "employees": 2}
        ],
        "employees": 2,
    }
    assert (await client.get("/framework", headers=admin)).json()["version"] == 1
    assert await standards_sent() == before  # nothing stored, nothing sent
    operator = _auth(service, Role.AGENCY_OPERATOR, agencies=[agency])
    refused = await client.post("/framework/versions/preview", headers=operator, json=body)
    assert refused.status_code == 403
    published = await client.post("/framework/versions", headers=admin, json=body)
    assert published.json()["version"] == 2
    assert await standards_sent() == before + 1  # exactly what the preview said


async def test_the_profile_shows_current_levels_standard_and_jpm(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    _, _, nip = await _setup_agency(client, admin)  # pengawas: level 2 everywhere, 9 of them
    for level in (1, 2):  # the later CAT of the same year is current
        body = _result(nip, level) | {"evaluated_at": f"2026-0{level + 1}-01T09:00:00+07:00"}
        assert (await client.post("/results", headers=admin, json=body)).status_code == 201

    profile = (await client.get(f"/employees/{nip}/profile", headers=admin)).json()

    levels = {c["competency_code"]: c for c in profile["competencies"]}
    assert levels["M.05"]["current_level"] == 2
    assert levels["M.05"]["required_level"] == 2
    assert levels["M.01"]["current_level"] is None
    # 2 of 18 required level points are met: 11.1 %.
    assert profile["jpm"] == {
        "percent": 11.1,
        "category": "kurang_optimal",
        "assessed": 1,
        "required": 9,
    }


async def test_a_batch_of_results_stores_each_valid_one_and_reports_the_others(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    _, _, nip = await _setup_agency(client, admin)
    stranger = factories.nip()
    batch = [
        _result(nip),
        _result(nip) | {"competency_code": "M.01"},
        _result(stranger),
        _result(nip),
    ]

    response = await client.post("/results/batch", headers=admin, json={"results": batch})

    assert response.status_code == 200, response.text
    body = response.json()
    assert [r["competency_code"] for r in body["stored"]] == ["M.05", "M.01"]
    assert body["unchanged"] == [3]
    assert body["refused"] == [
        {
            "index": 2,
            "code": "employee_not_found",
            "field": "nip",
            "reason": f"pegawai {stranger} tidak ditemukan",
        }
    ]
    async with service.database.sessions() as session:
        events = await session.scalar(
            select(func.count()).where(outbox.c.type == ResultsRecorded.TYPE)
        )
    assert events == 1


async def test_a_result_sent_again_is_answered_with_the_one_recorded_and_published_once(
    client: httpx.AsyncClient, service: Service
) -> None:
    """Found by the fault campaign: a client sending a result again after a lost answer
    (the service killed after its commit) got a 500 from the unique natural key, again
    and again."""
    admin = _auth(service, Role.PROVINCE_ADMIN)
    _, _, nip = await _setup_agency(client, admin)

    first = await client.post("/results", headers=admin, json=_result(nip))
    again = await client.post("/results", headers=admin, json=_result(nip))
    other_level = await client.post("/results", headers=admin, json=_result(nip, level=4))

    assert first.status_code == 201, first.text
    assert again.status_code == 200, again.text
    assert (again.json()["id"], again.json()["level"]) == (first.json()["id"], 2)
    assert other_level.status_code == 409, other_level.text
    assert "recorded with level 2" in other_level.json()["message"]
    async with service.database.sessions() as session:
        published = await session.scalar(
            select(func.count()).select_from(outbox).where(outbox.c.type == ResultRecorded.TYPE)
        )
    assert published == 1
