"""A learning platform sends xAPI statements with TinCan's own Python client (PyPI
``tincan``) to the training service, running as in production (processes, PostgreSQL,
Kafka): the passed course becomes a completion with its JP, the evaluation service
schedules its L3 evaluation from the completion event, and the client's statement ids
are honoured (the same again: stored once; other content under the same id: 409)."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from tincan import (
    Activity,
    Agent,
    AgentAccount,
    Context,
    RemoteLRS,
    Result,
    Statement,
    Verb,
)

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.settings import ServiceSettings
from tests import builders
from tests.infra import wait_for
from tests.processes import System, running_system

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]
ACTIVITY = "https://lms.pemkot.example/course/pelayanan-prima"
PASSED = "http://adlnet.gov/expapi/verbs/passed"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"


@pytest.fixture(scope="module")
async def system(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    async with running_system(tmp_path_factory.mktemp("xapi")) as running:
        yield running


def _admin(system: System) -> dict[str, str]:
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    token = mint_dev_token(settings, subject="lrs-test", roles=[Role.PROVINCE_ADMIN])
    return {"Authorization": f"Bearer {token}"}


def _statement(nip: str, verb: str, registration: str, success: bool = True) -> Statement:
    return Statement(
        id=str(uuid.uuid4()),
        actor=Agent(
            name="Rina Siregar",
            account=AgentAccount(home_page="https://lms.pemkot.example", name=nip),
        ),
        verb=Verb(id=verb, display={"id-ID": "lulus"}),
        object=Activity(id=ACTIVITY),
        result=Result(success=success),
        context=Context(registration=registration),
        timestamp=(datetime.now(UTC) - timedelta(hours=1)).isoformat(),
    )


async def _found(http: httpx.AsyncClient, url: str, headers: dict[str, str], pick: Any) -> Any:
    async def probe() -> Any:
        response = await http.get(url, headers=headers)
        return pick(response.json()) if response.status_code == 200 else None

    return await wait_for(probe, deadline_s=60, what=url)


async def test_statements_from_a_tincan_client_become_one_completion_and_its_l3(
    system: System,
) -> None:
    admin = _admin(system)
    evaluation, training = system["evaluation"].url, system["training"].url
    async with httpx.AsyncClient(base_url=evaluation, timeout=20) as roster:
        agency = await builders.an_agency(roster, admin)
        position = await builders.a_position(roster, admin, agency)
        nip = await builders.an_employee(roster, admin, agency, position)
    async with httpx.AsyncClient(base_url=training, timeout=20) as http:
        course = await builders.a_course(http, admin, f"XAPI-{agency.rsplit('.', 1)[1]}")
        await _found(http, f"/employees/{nip}/ledger", admin, lambda ledger: ledger)
        platform = await http.post(
            "/xapi/platforms", headers=admin, json={"code": "LMS-PEMKOT", "name": "LMS Pemkot"}
        )
        mapped = await http.put(
            "/xapi/activities", headers=admin, json={"activity_id": ACTIVITY, "course_code": course}
        )
        assert (platform.status_code, mapped.status_code) == (201, 200), platform.text
        lrs = RemoteLRS(
            endpoint=f"{training}/xapi/",
            version="1.0.3",
            username="LMS-PEMKOT",
            password=platform.json()["secret"],
        )
        attempt = str(uuid.uuid4())
        completed, passed = _statement(nip, COMPLETED, attempt), _statement(nip, PASSED, attempt)

        batch = await asyncio.to_thread(lrs.save_statements, [completed])  # POST
        single = await asyncio.to_thread(lrs.save_statement, passed)  # PUT ?statementId=
        again = await asyncio.to_thread(lrs.save_statement, passed)
        passed.result = Result(success=False)
        conflicting = await asyncio.to_thread(lrs.save_statement, passed)

        assert batch.success, batch.data
        assert (single.success, single.response.status) == (True, 204)
        assert (again.success, again.response.status) == (True, 204)
        assert (conflicting.success, conflicting.response.status) == (False, 409)
        [completion] = (await http.get("/completions", headers=admin, params={"nip": nip})).json()[
            "items"
        ]
        assert (completion["course_code"], completion["jp_credited"]) == (course, 24)
        assert completion["reference"] == f"xapi:{attempt}"
        ledger = (await http.get(f"/employees/{nip}/ledger", headers=admin)).json()
        assert ledger["total_jp"] == 24
    async with httpx.AsyncClient(base_url=evaluation, timeout=20) as http:
        [scheduled] = await _found(
            http,
            "/training-evaluations",
            admin,
            lambda page: [e for e in page["items"] if e["nip"] == nip] or None,
        )
    assert scheduled["course_code"] == course
