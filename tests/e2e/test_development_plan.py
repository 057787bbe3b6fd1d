"""A development plan (IDP) through the whole system, on real Kafka and PostgreSQL, the
services as processes: career drafts it from the gaps to a target position and the
catalog, the employee's supervisor approves it, recommendation turns its item into an
accepted proposal, training enrols the employee, and the plan shows the enrolment."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.settings import ServiceSettings
from tests import builders, factories
from tests.infra import wait_for
from tests.processes import System, running_system

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]
SERVICES = ("evaluation", "training", "recommendation", "career")


@pytest.fixture(scope="module")
async def system(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    async with running_system(tmp_path_factory.mktemp("idp"), services=SERVICES) as running:
        yield running


def _bearer(system: System, *roles: Role, subject: str = "idp", **claims: Any) -> dict[str, str]:
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    token = mint_dev_token(settings, subject=subject, roles=list(roles), **claims)
    return {"Authorization": f"Bearer {token}"}


async def test_a_plan_approved_by_the_supervisor_becomes_a_proposal_training_enrols(
    system: System,
) -> None:
    admin = _bearer(system, Role.PROVINCE_ADMIN)
    async with httpx.AsyncClient(base_url=system["evaluation"].url, timeout=30) as roster:
        agency = await builders.an_agency(roster, admin)
        own = await builders.a_position(roster, admin, agency, "pengawas")  # M.05 at 2
        target = await builders.a_position(roster, admin, agency, "administrator")  # at 3
        supervisor = await builders.an_employee(roster, admin, agency, target)
        nip = factories.nip()
        employed = await roster.put(
            "/employees",
            headers=admin,
            json={
                "nip": nip,
                "name": "Rina Siregar",
                "agency_code": agency,
                "position_code": own,
                "supervisor_nip": supervisor,
            },
        )
        assert employed.status_code in (200, 201), employed.text
    course = f"IDP-{agency.rsplit('.', 1)[1]}"
    async with httpx.AsyncClient(base_url=system["training"].url, timeout=30) as catalog:
        await builders.a_course(catalog, admin, course, "M.05", (2, 3))
        await builders.an_open_session(catalog, admin, course)
    async with httpx.AsyncClient(base_url=system["evaluation"].url, timeout=30) as records:
        # M.05 at 2: the own standard met (no proposal of recommendation's own), one level
        # short of the target's 3.
        await builders.a_result(records, admin, nip, "M.05", level=2, days_ago=1)

    operator = _bearer(system, Role.AGENCY_OPERATOR, agencies=[agency])
    boss = _bearer(system, Role.EMPLOYEE, nip=supervisor, subject=supervisor)
    career = system["career"].url
    async with httpx.AsyncClient(timeout=30) as http:

        async def course_offered() -> bool:
            answer = await http.get(
                f"{career}/employees/{nip}/readiness/{target}", headers=operator
            )
            return answer.status_code == 200 and course in [
                c["course_code"] for c in answer.json()["courses"]
            ]

        await wait_for(course_offered, deadline_s=60, what="career sees the gap and the course")
        created = await http.post(
            f"{career}/development-plans",
            headers=operator,
            json={"nip": nip, "target_position_code": target},
        )
        assert created.status_code == 201, created.text
        plan = created.json()
        approved = await http.post(
            f"{career}/development-plans/{plan['id']}/decision",
            headers=boss,
            json={"decision": "approved"},
        )
        assert approved.status_code == 200, approved.text

        async def enrolled() -> list[dict[str, Any]]:
            page = await http.get(
                f"{system['training'].url}/enrolments", headers=operator, params={"nip": nip}
            )
            return [e for e in page.json().get("items", []) if e["status"] == "enrolled"]

        [enrolment] = await wait_for(enrolled, deadline_s=60, what="training enrols")

        async def plan_followed() -> dict[str, Any] | None:
            answer = await http.get(f"{career}/development-plans/{plan['id']}", headers=operator)
            [item] = answer.json()["items"]
            return item if item["proposal_status"] == "enrolled" else None

        item = await wait_for(plan_followed, deadline_s=60, what="the plan shows the enrolment")
        proposals = await http.get(
            f"{system['recommendation'].url}/employees/{nip}/proposals", headers=operator
        )

    assert [(i["competency_code"], i["course_code"]) for i in plan["items"]] == [("M.05", course)]
    assert enrolment["session_code"].startswith(course)
    [proposal] = proposals.json()["items"]
    assert (proposal["id"], proposal["course_code"], proposal["status"]) == (
        item["proposal_id"],
        course,
        "enrolled",
    )
