"""The audit trail on the evaluation service over SQLite: what a change records, who may
read it back, what a rolled-back change leaves (nothing) and what retention deletes."""

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from bangkom.evaluation.bootstrap import bootstrap
from bangkom.evaluation.config import EvaluationSettings
from bangkom.platform.audit import changes_between, snapshot
from bangkom.platform.audit.retention import forget_expired
from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.catalog import EvaluationAuditRecorded
from bangkom.platform.clock import utc_now
from bangkom.platform.db.audit_log import audit_log
from bangkom.platform.db.messaging import outbox
from bangkom.platform.service import Service
from tests import builders, factories


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    settings = EvaluationSettings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'evaluation.db'}",
        auth_dev_key_file=tmp_path / "dev.pem",
    )
    service = bootstrap(settings)
    await service.prepare()
    yield service
    await service.database.dispose()


@pytest.fixture
async def client(service: Service) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=service.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://evaluation") as client:
        yield client


def _auth(
    service: Service, *roles: Role, agencies: list[str] | None = None, subject: str = "t"
) -> dict[str, str]:
    token = mint_dev_token(service.settings, subject=subject, roles=list(roles), agencies=agencies)
    return {"Authorization": f"Bearer {token}"}


async def _audit(
    client: httpx.AsyncClient, headers: dict[str, str], **params: str
) -> list[dict[str, object]]:
    response = await client.get("/audit", headers=headers, params=params)
    assert response.status_code == 200, response.text
    items: list[dict[str, object]] = response.json()["items"]
    return items


def test_only_fields_that_differ_are_kept_as_before_and_after() -> None:
    assert changes_between({"name": "A", "level": 2}, {"name": "A", "level": 3}) == {
        "level": {"before": 2, "after": 3}
    }
    assert changes_between(None, {"level": 3}) == {"level": {"before": None, "after": 3}}
    assert changes_between({"level": 3}, None) == {"level": {"before": 3, "after": None}}


def test_a_snapshot_is_plain_json_and_leaves_the_caller_out() -> None:
    from bangkom.evaluation.handlers import commands

    taken = snapshot(
        commands.RecordResult(
            caller=factories.admin(),
            nip="199001012015031001",
            competency_code="M.05",
            level=3,
            method="cat",
            evaluated_at=factories.at(days_ago=1),
        )
    )

    assert "caller" not in taken
    assert taken["level"] == 3
    assert isinstance(taken["evaluated_at"], str)


async def test_a_change_records_who_what_and_how_and_publishes_it(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    agency = await builders.an_agency(client, admin)
    operator = _auth(service, Role.AGENCY_OPERATOR, agencies=[agency], subject="rina")
    await builders.a_position(client, operator, agency, overrides={"M.05": 2})
    await builders.a_position(client, operator, agency, overrides={"M.05": 4})

    [changed, created] = await _audit(client, operator, object_type="position")

    assert created["changes"]["overrides"] == {"before": None, "after": {"M.05": 2}}  # type: ignore[index]
    assert changed["changes"]["overrides"] == {"before": {"M.05": 2}, "after": {"M.05": 4}}  # type: ignore[index]
    assert "name" not in changed["changes"]  # type: ignore[operator]
    assert (changed["actor_subject"], changed["actor_agencies"]) == ("rina", [agency])
    async with service.database.sessions() as session:
        published = (
            await session.exec(
                select(outbox.c.data).where(outbox.c.type == EvaluationAuditRecorded.TYPE)
            )
        ).scalars()
        events = [EvaluationAuditRecorded.model_validate_json(d) for d in published]
    assert changed["entry_id"] in {e.entry_id for e in events}


async def test_operators_read_the_audit_of_their_agencies_only_and_employees_none(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    mine, theirs = await builders.an_agency(client, admin), await builders.an_agency(client, admin)
    await builders.a_position(client, admin, mine)
    await builders.a_position(client, admin, theirs)
    operator = _auth(service, Role.AGENCY_OPERATOR, agencies=[mine])

    seen = await _audit(client, operator, object_type="position")
    every = await _audit(client, admin, object_type="position")
    token = mint_dev_token(
        service.settings, subject="e", roles=[Role.EMPLOYEE], nip="199001012015031001"
    )
    employee = await client.get("/audit", headers={"Authorization": f"Bearer {token}"})

    assert {e["agency_code"] for e in seen} == {mine}
    assert {e["agency_code"] for e in every} >= {mine, theirs}
    assert employee.status_code == 403
    assert employee.json()["code"] == "forbidden"


async def test_a_command_whose_handler_described_nothing_is_recorded_as_asked(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN, subject="admin-budi")
    agency = await builders.an_agency(client, admin)
    response = await client.put(
        "/technical-competencies",
        headers=admin,
        json={
            "code": f"T.{agency}.01",
            "name": "Pengelolaan Pajak Daerah",
            "group": "teknis",
            "agency_code": agency,
            "description": "Mengelola pajak daerah.",
            "levels": {str(n): f"Level {n}" for n in range(1, 6)},
        },
    )
    assert response.status_code in (200, 201), response.text

    [entry] = await _audit(client, admin, action="define_technical_competency")

    assert entry["actor_subject"] == "admin-budi"
    assert (entry["object_type"], entry["object_key"]) == ("command", "DefineTechnicalCompetency")
    assert entry["changes"]["competency"]["after"]["code"] == f"T.{agency}.01"  # type: ignore[index]


async def test_a_refused_change_leaves_no_entry(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    agency = await builders.an_agency(client, admin)
    before = await _audit(client, admin)

    refused = await client.put(
        "/positions",
        headers=admin,
        json={
            "code": "P-X",
            "name": "Jabatan",
            "agency_code": agency,
            "position_type": "pengawas",
            "overrides": {"M.99": 3},
        },
    )

    assert refused.status_code == 422
    assert await _audit(client, admin) == before


async def test_entries_older_than_the_retention_are_deleted(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service, Role.PROVINCE_ADMIN)
    await builders.an_agency(client, admin)
    async with service.database.sessions() as session:
        kept = (await session.exec(select(func.count()).select_from(audit_log))).scalar_one()
    assert kept > 0

    assert await forget_expired(service.database, timedelta(days=30)) == 0
    gone = await forget_expired(
        service.database, timedelta(days=30), clock=lambda: utc_now() + timedelta(days=31)
    )

    assert gone == kept
    assert await _audit(client, admin) == []
