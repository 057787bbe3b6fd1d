"""GET /personal-data/{nip} in every service: what it holds about one employee, for that
employee only."""

import base64
import importlib
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, MetaData, String, Table

from bangkom.evaluation.bootstrap import bootstrap
from bangkom.evaluation.config import EvaluationSettings
from bangkom.platform.auth import Role
from bangkom.platform.service import Service
from bangkom.platform.web.personal_data import personal_tables
from bangkom.training.bootstrap import bootstrap as training_bootstrap
from bangkom.training.config import TrainingSettings
from tests import builders, factories
from tests.apps import asgi_client, bearer, on_sqlite
from tests.unit.training import factories as training

SERVICES = ["evaluation", "training", "survey", "recommendation", "career"]
# Tables that name the person other than by a nip column, read by their service's criterion.
REACHED_WITHOUT_NIP = {"training": {"xapi_statement"}}


@pytest.mark.parametrize("name", SERVICES)
def test_every_column_naming_an_employee_is_nip_or_their_supervisors(
    name: str, tmp_path: Path
) -> None:
    # Rows are found by their ``nip`` column: a table naming the employee another way
    # would be left out of what the employee downloads.
    settings = getattr(importlib.import_module(f"bangkom.{name}.config"), f"{name.title()}Settings")
    built = importlib.import_module(f"bangkom.{name}.bootstrap").bootstrap(
        settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    )
    every = [t for m in built.migrations.attributes["target_metadata"] for t in m.sorted_tables]
    named = {f"{t.name}.{c.name}" for t in every for c in t.columns if "nip" in c.name}

    assert {n for n in named if not n.endswith((".nip", ".supervisor_nip"))} == set()
    assert {t.name for t in built.app.state.personal_tables} == {
        n.split(".")[0] for n in named if n.endswith(".nip")
    } | REACHED_WITHOUT_NIP.get(name, set())


def test_a_table_read_without_nip_is_one_of_the_service_and_has_no_nip_column() -> None:
    metadata = MetaData()
    Table("with_nip", metadata, Column("nip", String))
    Table("by_mailbox", metadata, Column("mbox", String))

    def by_mailbox(nip: str) -> Any:
        return metadata.tables["by_mailbox"].c.mbox == nip

    read = personal_tables(metadata, {"by_mailbox": by_mailbox})

    assert {t.name: f is by_mailbox for t, f in read.items()} == {
        "with_nip": False,
        "by_mailbox": True,
    }
    with pytest.raises(ValueError, match="not a table of this service"):
        personal_tables(metadata, {"elsewhere": by_mailbox})
    with pytest.raises(ValueError, match="by its nip column already"):
        personal_tables(metadata, {"with_nip": by_mailbox})


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    async with on_sqlite(bootstrap, EvaluationSettings, tmp_path) as service:
        yield service


def _bearer(service: Service, *roles: Role, nip: str | None = None) -> dict[str, str]:
    return bearer(service, *roles, nip=nip)


async def test_an_employee_downloads_what_the_service_holds_about_them_and_nobody_else_does(
    service: Service,
) -> None:
    async with asgi_client(service) as client:
        admin = _bearer(service, Role.PROVINCE_ADMIN)
        agency = await builders.an_agency(client, admin)
        position = await builders.a_position(client, admin, agency)
        nip, other = [await builders.an_employee(client, admin, agency, position) for _ in "ab"]
        recorded = await client.post(
            "/results",
            headers=admin,
            json={
                "nip": nip,
                "competency_code": "M.05",
                "level": 2,
                "method": "cat",
                "evaluated_at": factories.at(days_ago=1).isoformat(),
            },
        )
        assert recorded.status_code == 201

        own = await client.get(
            f"/personal-data/{nip}", headers=_bearer(service, Role.EMPLOYEE, nip=nip)
        )
        refused = [
            await client.get(f"/personal-data/{nip}", headers=h)
            for h in (
                _bearer(service, Role.EMPLOYEE, nip=other),
                _bearer(service, Role.AGENCY_OPERATOR),
            )
        ]
        for_admin = await client.get(f"/personal-data/{nip}", headers=admin)
        malformed = await client.get("/personal-data/123", headers=admin)

    assert own.status_code == 200
    body = own.json()
    assert (body["service"], body["nip"]) == ("evaluation", nip)
    tables = body["tables"]
    assert [e["nip"] for e in tables["employee"]] == [nip]
    assert [(r["competency_code"], r["level"]) for r in tables["assessment_result"]] == [
        ("M.05", 2)
    ]
    assert [e["action"] for e in tables["audit_log"]] == ["register_employee"]
    assert tables["training_evaluation"] == []
    assert [r.status_code for r in refused] == [403, 403]
    assert for_admin.json() == body
    assert malformed.status_code == 422


async def test_training_gives_the_xapi_statements_of_the_persons_account_and_mailboxes(
    tmp_path: Path,
) -> None:
    # A statement names its actor by an account (the NIP) or a mailbox mapped to a NIP.
    async with (
        on_sqlite(training_bootstrap, TrainingSettings, tmp_path) as service,
        asgi_client(service) as client,
    ):
        admin = bearer(service, Role.PROVINCE_ADMIN)
        nip, other = [await _a_training_employee(service) for _ in "ab"]
        for mbox, whose in (
            ("mailto:rina@pemkot.example", nip),
            ("mailto:andi@pemkot.example", other),
        ):
            registered = await client.put(
                "/xapi/actors", headers=admin, json={"mbox": mbox, "nip": whose}
            )
            assert registered.status_code == 200, registered.text
        platform = await client.post(
            "/xapi/platforms", headers=admin, json={"code": "LMS-PEMKOT", "name": "LMS Pemkot"}
        )
        assert platform.status_code == 201, platform.text
        secret = platform.json()["secret"]
        actors = {
            "own account": {"account": {"homePage": "https://lms.example", "name": nip}},
            "own mailbox": {"mbox": "mailto:Rina@pemkot.example"},
            "other's account": {"account": {"homePage": "https://lms.example", "name": other}},
            "other's mailbox": {"mbox": "mailto:andi@pemkot.example"},
            "unknown mailbox": {"mbox": "mailto:tamu@pemkot.example"},
        }
        ids = {label: str(uuid.uuid4()) for label in actors}
        stored = await client.post(
            "/xapi/statements",
            headers={
                "Authorization": "Basic "
                + base64.b64encode(f"LMS-PEMKOT:{secret}".encode()).decode(),
                "X-Experience-API-Version": "1.0.3",
            },
            json=[
                {
                    "id": ids[label],
                    "actor": actor,
                    "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
                    "object": {"id": "https://lms.example/course/1", "objectType": "Activity"},
                    "timestamp": "2026-01-05T10:15:00+07:00",
                }
                for label, actor in actors.items()
            ],
        )
        assert stored.status_code == 200, stored.text

        own = await client.get(
            f"/personal-data/{nip}", headers=bearer(service, Role.EMPLOYEE, nip=nip)
        )

    assert own.status_code == 200
    tables = own.json()["tables"]
    assert {s["id"] for s in tables["xapi_statement"]} == {
        ids["own account"],
        ids["own mailbox"],
    }
    assert [a["mbox"] for a in tables["xapi_actor"]] == ["mailto:rina@pemkot.example"]


async def _a_training_employee(service: Service) -> str:
    """An employee in training's roster (as evaluation's roster event brings them)."""
    event = training.employee_updated()
    async with service.uow_factory() as uow:
        for handler in service.event_handlers[type(event)]:
            await handler(event, uow)
        await uow.commit()
    return event.nip
