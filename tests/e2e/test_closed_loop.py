"""The whole loop across the four services as separate processes, on real Kafka and
PostgreSQL, with no human step between the events:

survey closed -> needs published -> course in the catalog -> evaluation result -> gap ->
proposal with reasons -> accepted -> enrolment -> completion -> L3 evaluation scheduled
-> new evaluation result -> gap closed -> proposal fulfilled.
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.settings import ServiceSettings
from tests import builders, factories
from tests.infra import wait_for
from tests.processes import System, running_system

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]
WIB = ZoneInfo("Asia/Jakarta")
FORM = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]


@pytest.fixture(scope="module")
async def system(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    async with running_system(tmp_path_factory.mktemp("loop")) as running:
        yield running


def _bearer(
    system: System, *roles: Role, agencies: list[str] | None = None, nip: str | None = None
) -> dict[str, str]:
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    token = mint_dev_token(settings, subject="loop", roles=list(roles), agencies=agencies, nip=nip)
    return {"Authorization": f"Bearer {token}"}


def _poll(
    http: httpx.AsyncClient, url: str, headers: dict[str, str], found: Callable[[Any], Any]
) -> Callable[[], Awaitable[Any]]:
    async def probe() -> Any:
        response = await http.get(url, headers=headers)
        return found(response.json()) if response.status_code == 200 else None

    return probe


def _ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, f"{response.request.url}: {response.text}"
    return dict(response.json())


async def test_the_loop_closes_without_a_human_step_between_the_events(system: System) -> None:
    admin = _bearer(system, Role.PROVINCE_ADMIN)
    evaluation, training, survey, recommendation = (
        system[name].url for name in ("evaluation", "training", "survey", "recommendation")
    )
    async with httpx.AsyncClient(timeout=20) as http:
        # The roster: an agency, a supervisor's position with a raised M.05, one employee.
        async with httpx.AsyncClient(base_url=evaluation, timeout=20) as roster:
            agency = await builders.an_agency(roster, admin)
            position = await builders.a_position(roster, admin, agency, overrides={"M.05": 3})
            nip = await builders.an_employee(roster, admin, agency, position)
        operator = _bearer(system, Role.AGENCY_OPERATOR, agencies=[agency])

        # 1. Survey: planned, opened once the survey knows the employee and the standard.
        async with httpx.AsyncClient(base_url=survey, timeout=20) as surveys:
            survey_id = await builders.a_survey(surveys, operator, [agency])
        await wait_for(
            _poll(
                http,
                f"{survey}/surveys/{survey_id}",
                operator,
                lambda s: (
                    {q["competency_code"] for q in s["questionnaire"]} >= {"M.05"}
                    and s["respondents_preview"] == 1
                ),
            ),
            what="survey knows the roster and the standard",
        )
        _ok(await http.post(f"{survey}/surveys/{survey_id}/open", headers=operator))
        me = _bearer(system, Role.EMPLOYEE, nip=nip)
        answers = [
            {
                "competency_code": code,
                "importance": 5 if code == "M.05" else 3,
                "self_level": 1 if code == "M.05" else 3,
                "learning_mode": "klasikal",
            }
            for code in FORM
        ]
        _ok(
            await http.put(
                f"{survey}/surveys/{survey_id}/responses/{nip}",
                headers=me,
                json={"answers": answers},
            )
        )
        _ok(await http.post(f"{survey}/surveys/{survey_id}/close", headers=operator))

        # 2. Needs published: recommendation weighs the agency's proposals with them.
        [top, *_] = await wait_for(
            _poll(
                http, f"{recommendation}/agencies/{agency}/needs", operator, lambda n: n["items"]
            ),
            what="needs consumed by recommendation",
        )
        assert (top["competency_code"], top["rank"]) == ("M.05", 1)

        # 3. A course for the gap, and a session open for enrolment today.
        course = f"PP-{agency.rsplit('.', 1)[1]}"
        _ok(
            await http.put(
                f"{training}/courses",
                headers=admin,
                json={
                    "code": course,
                    "title": "Pelayanan Publik Prima",
                    "competencies": [{"competency_code": "M.05", "level_from": 1, "level_to": 3}],
                    "jp": 24,
                    "mode": "klasikal",
                    "provider": "BPSDM Provinsi Sumatera Utara",
                    "cost": 1500000,
                    "status": "published",
                },
            )
        )
        today = factories.at().astimezone(WIB)
        session = f"{course}-01"
        _ok(
            await http.put(
                f"{training}/sessions",
                headers=admin,
                json={
                    "code": session,
                    "course_code": course,
                    "batch": 1,
                    "starts_on": today.date().isoformat(),
                    "ends_on": today.date().isoformat(),
                    "capacity": 10,
                    "location": "Aula BKPSDM",
                    "enrolment_opens_at": (today - timedelta(days=1)).isoformat(),
                    "enrolment_closes_at": today.replace(hour=23, minute=59, second=59).isoformat(),
                    "status": "open",
                },
            )
        )

        # 4. An evaluation result: the gap and a proposal with its reasons follow.
        _ok(
            await http.post(
                f"{evaluation}/results",
                headers=operator,
                json={
                    "nip": nip,
                    "competency_code": "M.05",
                    "level": 1,
                    "method": "assessment_center",
                    "evaluated_at": factories.at(days_ago=2).isoformat(),
                },
            ),
            201,
        )
        [proposal] = await wait_for(
            _poll(
                http,
                f"{recommendation}/employees/{nip}/proposals",
                operator,
                lambda ps: ps["items"],
            ),
            what="proposal",
        )
        gaps = _ok(await http.get(f"{recommendation}/employees/{nip}/gaps", headers=operator))
        assert {g["competency_code"]: g["gap"] for g in gaps["gaps"]}["M.05"] == 2
        assert proposal["course_code"] == course
        assert proposal["reasons"][0] == (
            "Kesenjangan 2 level pada Pelayanan Publik (saat ini 1, standar jabatan 3)"
        )
        assert "Prioritas kebutuhan #1 di instansi (survei kebutuhan 2027)" in proposal["reasons"]

        # 5. Accepted: training enrols; recommendation learns of the enrolment.
        _ok(
            await http.post(
                f"{recommendation}/proposals/{proposal['id']}/decision",
                headers=operator,
                json={"decision": "accepted"},
            )
        )
        enrolled = await wait_for(
            _poll(
                http,
                f"{recommendation}/proposals/{proposal['id']}",
                operator,
                lambda p: p if p["status"] == "enrolled" else None,
            ),
            what="proposal enrolled",
        )
        assert enrolled["decided_by"] == "loop"
        [enrolment] = await wait_for(
            _poll(
                http,
                f"{training}/enrolments?nip={nip}",
                operator,
                lambda page: [e for e in page["items"] if e["status"] == "enrolled"],
            ),
            what="enrolment",
        )
        assert (enrolment["session_code"], enrolment["proposal_id"]) == (session, proposal["id"])

        # 6. Completion: JP credited, the L3 evaluation scheduled by the evaluation service.
        _ok(
            await http.post(
                f"{training}/enrolments/{enrolment['id']}/completion",
                headers=operator,
                json={"outcome": "passed", "score": 88},
            ),
            201,
        )
        [scheduled] = await wait_for(
            _poll(
                http,
                f"{evaluation}/training-evaluations",
                operator,
                lambda es: [e for e in es["items"] if e["nip"] == nip],
            ),
            what="L3 evaluation scheduled",
        )
        assert scheduled["course_code"] == course
        assert scheduled["status"] == "upcoming"

        # 7. The L3 evaluation measures level 3: a new result closes the gap.
        _ok(
            await http.put(
                f"{evaluation}/training-evaluations/{scheduled['id']}/levels/3",
                headers=operator,
                json={"competency_levels": {"M.05": 3}, "note": "Layanan loket membaik"},
            )
        )
        fulfilled = await wait_for(
            _poll(
                http,
                f"{recommendation}/proposals/{proposal['id']}",
                operator,
                lambda p: p if p["status"] == "fulfilled" else None,
            ),
            what="proposal fulfilled",
        )
        gaps = _ok(await http.get(f"{recommendation}/employees/{nip}/gaps", headers=operator))

    assert fulfilled["status_reason"] == "kesenjangan tertutup oleh evaluasi terbaru"
    assert {g["competency_code"]: g["status"] for g in gaps["gaps"]}["M.05"] == "met"


async def test_an_operator_cannot_see_or_decide_another_agencys_proposals(system: System) -> None:
    admin = _bearer(system, Role.PROVINCE_ADMIN)
    evaluation, training, recommendation = (
        system[name].url for name in ("evaluation", "training", "recommendation")
    )
    async with httpx.AsyncClient(base_url=evaluation, timeout=20) as roster:
        agency = await builders.an_agency(roster, admin)
        position = await builders.a_position(roster, admin, agency, overrides={"M.08": 3})
        nip = await builders.an_employee(roster, admin, agency, position)
    async with httpx.AsyncClient(timeout=20) as http:
        async with httpx.AsyncClient(base_url=training, timeout=20) as catalog:
            await builders.a_course(catalog, admin, f"PK-{agency.rsplit('.', 1)[1]}", "M.08")
        async with httpx.AsyncClient(base_url=evaluation, timeout=20) as records:
            await builders.a_result(records, admin, nip, "M.08", days_ago=1)
        [proposal] = await wait_for(
            _poll(
                http, f"{recommendation}/employees/{nip}/proposals", admin, lambda ps: ps["items"]
            ),
            what="proposal",
        )
        stranger = _bearer(system, Role.AGENCY_OPERATOR, agencies=[factories.agency_code()])

        seen = [
            (await http.get(f"{recommendation}/proposals/{proposal['id']}", headers=stranger)),
            (await http.get(f"{recommendation}/employees/{nip}/proposals", headers=stranger)),
            (await http.get(f"{recommendation}/employees/{nip}/gaps", headers=stranger)),
        ]
        listed = _ok(await http.get(f"{recommendation}/proposals", headers=stranger))
        decided = await http.post(
            f"{recommendation}/proposals/{proposal['id']}/decision",
            headers=stranger,
            json={"decision": "accepted"},
        )
        after = _ok(await http.get(f"{recommendation}/proposals/{proposal['id']}", headers=admin))

    assert [r.status_code for r in seen] == [404, 404, 404]
    assert proposal["id"] not in {p["id"] for p in listed["items"]}
    assert decided.status_code == 404
    assert after["status"] == "proposed"


async def test_who_changed_what_is_in_each_services_audit_and_only_for_their_agency(
    system: System,
) -> None:
    evaluation, training, recommendation = (
        system[name].url for name in ("evaluation", "training", "recommendation")
    )
    admin = _bearer(system, Role.PROVINCE_ADMIN)
    async with httpx.AsyncClient(base_url=evaluation, timeout=20) as roster:
        agency = await builders.an_agency(roster, admin)
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    operator = {
        "Authorization": "Bearer "
        + mint_dev_token(
            settings, subject="operator-rina", roles=[Role.AGENCY_OPERATOR], agencies=[agency]
        )
    }
    stranger = _bearer(system, Role.AGENCY_OPERATOR, agencies=[factories.agency_code()])
    async with httpx.AsyncClient(base_url=evaluation, timeout=20) as roster:
        position = await builders.a_position(roster, operator, agency, overrides={"M.08": 3})
        nip = await builders.an_employee(roster, operator, agency, position)
    async with httpx.AsyncClient(timeout=20) as http:
        async with httpx.AsyncClient(base_url=training, timeout=20) as catalog:
            await builders.a_course(catalog, admin, f"AU-{agency.rsplit('.', 1)[1]}", "M.08")
        async with httpx.AsyncClient(base_url=evaluation, timeout=20) as records:
            result = await builders.a_result(records, operator, nip, "M.08", days_ago=1)
        [proposal] = await wait_for(
            _poll(
                http, f"{recommendation}/employees/{nip}/proposals", admin, lambda ps: ps["items"]
            ),
            what="proposal",
        )
        _ok(
            await http.post(
                f"{recommendation}/proposals/{proposal['id']}/decision",
                headers=operator,
                json={"decision": "accepted"},
            )
        )

        async def entry(base: str, headers: dict[str, str], kind: str, key: str) -> Any:
            page = _ok(
                await http.get(
                    f"{base}/audit",
                    headers=headers,
                    params={"object_type": kind, "object_key": key},
                )
            )
            return page["items"]

        [standard] = await entry(evaluation, operator, "position", position)
        [recorded] = await entry(evaluation, operator, "result", result["id"])
        [decided] = await entry(recommendation, operator, "proposal", proposal["id"])
        hidden = [
            await entry(evaluation, stranger, "position", position),
            await entry(evaluation, stranger, "result", result["id"]),
            await entry(recommendation, stranger, "proposal", proposal["id"]),
        ]
        employee_reads = await http.get(
            f"{evaluation}/audit", headers=_bearer(system, Role.EMPLOYEE, nip=nip)
        )

    for found in (standard, recorded, decided):
        assert found["actor_subject"] == "operator-rina"
        assert found["actor_roles"] == ["agency_operator"]
        assert found["agency_code"] == agency
        assert len(found["request_id"]) == 32
    assert standard["action"] == "define_position"
    assert standard["changes"]["overrides"] == {"before": None, "after": {"M.08": 3}}
    assert recorded["action"] == "record_result"
    assert recorded["changes"]["level"] == {"before": None, "after": 1}
    assert decided["action"] == "decide_proposal"
    assert decided["changes"]["status"] == {"before": "proposed", "after": "accepted"}
    assert hidden == [[], [], []]
    assert employee_reads.status_code == 403
