"""Every read route of every service, taken from its route table, asked by an operator of
another agency and by another employee about one agency's data: none answers with it.

The data is made the way people make it (a survey answered, a result recorded, a
proposal accepted, an enrolment completed, an import uploaded) on the four services as
processes on PostgreSQL and Kafka. A new route is walked without editing this test; a
new kind of path parameter makes it fail until it is given a value here.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass
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
SERVICES = ("evaluation", "training", "survey", "recommendation")
# Not data of any agency: probes, the API document, the province's catalog and framework.
UNSCOPED = {"/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/redoc"}


@dataclass
class Seeded:
    """What agency A holds after a day's work, by the name routes give it."""

    agency: str
    nip: str
    position: str
    course: str
    session: str
    survey_id: str
    proposal_id: str
    enrolment_id: str
    completion_id: str
    evaluation_id: str
    job_id: str

    def secrets(self) -> list[str]:
        """Strings that only agency A's data contains."""
        return [self.agency, self.nip]


def _bearer(system: System, *roles: Role, **claims: Any) -> dict[str, str]:
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    token = mint_dev_token(settings, subject="walker", roles=list(roles), **claims)
    return {"Authorization": f"Bearer {token}"}


def _ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, f"{response.request.url}: {response.text}"
    return dict(response.json())


@pytest.fixture(scope="module")
async def system(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    async with running_system(tmp_path_factory.mktemp("access")) as running:
        yield running


async def _until(http: httpx.AsyncClient, url: str, headers: dict[str, str], found: Any) -> Any:
    async def probe() -> Any:
        response = await http.get(url, headers=headers)
        return found(response.json()) if response.status_code == 200 else None

    return await wait_for(probe, deadline_s=60, what=url)


@pytest.fixture(scope="module")
async def seeded(system: System) -> Seeded:
    evaluation, training, survey, recommendation = (system[n].url for n in SERVICES)
    admin = _bearer(system, Role.PROVINCE_ADMIN)
    async with httpx.AsyncClient(base_url=evaluation, timeout=20) as roster:
        agency = await builders.an_agency(roster, admin)
        position = await builders.a_position(roster, admin, agency, overrides={"M.05": 3})
        supervisor = await builders.an_employee(roster, admin, agency, position)
        nip = factories.nip()
        _ok(
            await roster.put(
                "/employees",
                headers=admin,
                json={
                    "nip": nip,
                    "name": "Rina Siregar",
                    "agency_code": agency,
                    "position_code": position,
                    "supervisor_nip": supervisor,
                },
            )
        )
    operator = _bearer(system, Role.AGENCY_OPERATOR, agencies=[agency])
    async with httpx.AsyncClient(timeout=20) as http:
        survey_id = _ok(
            await http.post(
                f"{survey}/surveys",
                headers=operator,
                json={"title": "AKP 2027", "period": "2027", "agency_codes": [agency]},
            ),
            201,
        )["id"]
        await _until(
            http,
            f"{survey}/surveys/{survey_id}",
            operator,
            lambda s: s["respondents_preview"] == 2 and s["questionnaire"],
        )
        _ok(await http.post(f"{survey}/surveys/{survey_id}/open", headers=operator))
        questionnaire = _ok(await http.get(f"{survey}/surveys/{survey_id}", headers=operator))
        _ok(
            await http.put(
                f"{survey}/surveys/{survey_id}/responses/{nip}",
                headers=_bearer(system, Role.EMPLOYEE, nip=nip),
                json={
                    "answers": [
                        {
                            "competency_code": q["competency_code"],
                            "importance": 4,
                            "self_level": 2,
                            "learning_mode": "klasikal",
                        }
                        for q in questionnaire["questionnaire"]
                    ]
                },
            )
        )
        _ok(
            await http.put(
                f"{survey}/surveys/{survey_id}/supervisor-ratings/{nip}",
                headers=_bearer(system, Role.EMPLOYEE, nip=supervisor),
                json={"levels": [{"competency_code": "M.05", "level": 1}]},
            )
        )
        _ok(await http.post(f"{survey}/surveys/{survey_id}/close", headers=operator))
        course = f"AX-{agency.rsplit('.', 1)[1]}"
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
                    "provider": "BPSDM",
                    "cost": 0,
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
                    "enrolment_closes_at": today.replace(hour=23, minute=0).isoformat(),
                    "status": "open",
                },
            )
        )
        _ok(
            await http.post(
                f"{evaluation}/results",
                headers=operator,
                json={
                    "nip": nip,
                    "competency_code": "M.05",
                    "level": 1,
                    "method": "cat",
                    "evaluated_at": factories.at(days_ago=2).isoformat(),
                },
            ),
            201,
        )
        [proposal] = await _until(
            http, f"{recommendation}/employees/{nip}/proposals", operator, lambda p: p["items"]
        )
        _ok(
            await http.post(
                f"{recommendation}/proposals/{proposal['id']}/decision",
                headers=operator,
                json={"decision": "accepted"},
            )
        )
        [enrolment] = await _until(
            http,
            f"{training}/enrolments?nip={nip}",
            operator,
            lambda page: [e for e in page["items"] if e["status"] == "enrolled"],
        )
        completion = _ok(
            await http.post(
                f"{training}/enrolments/{enrolment['id']}/completion",
                headers=operator,
                json={"outcome": "passed", "score": 88},
            ),
            201,
        )
        [scheduled] = await _until(
            http,
            f"{evaluation}/training-evaluations",
            operator,
            lambda page: [e for e in page["items"] if e["nip"] == nip],
        )
        job = _ok(
            await http.post(
                f"{evaluation}/imports/results",
                headers=operator,
                files={
                    "file": (
                        "hasil.csv",
                        f"nip;competency_code;level;method;evaluated_at\n{nip};M.01;2;cat;2026-03-01\n".encode(),
                    )
                },
            ),
            202,
        )
    return Seeded(
        agency=agency,
        nip=nip,
        position=position,
        course=course,
        session=session,
        survey_id=survey_id,
        proposal_id=proposal["id"],
        enrolment_id=enrolment["id"],
        completion_id=completion["id"],
        evaluation_id=scheduled["id"],
        job_id=job["id"],
    )


def _path_value(path: str, name: str, seeded: Seeded) -> str:
    """Agency A's object each path parameter names."""
    by_name = {
        "nip": seeded.nip,
        "agency_code": seeded.agency,
        "survey_id": seeded.survey_id,
        "proposal_id": seeded.proposal_id,
        "enrolment_id": seeded.enrolment_id,
        "completion_id": seeded.completion_id,
        "evaluation_id": seeded.evaluation_id,
        "job_id": seeded.job_id,
        "version": "1",
    }
    by_collection = {
        "/agencies/": seeded.agency,
        "/positions/": seeded.position,
        "/courses/": seeded.course,
        "/sessions/": seeded.session,
    }
    if name in by_name:
        return by_name[name]
    for prefix, value in by_collection.items():
        if name == "code" and path.startswith(prefix):
            return value
    pytest.fail(f"{path}: give the path parameter {name!r} agency A's value in _path_value")


def _read_routes(system: System, service: str) -> list[tuple[str, dict[str, Any]]]:
    document = httpx.get(f"{system[service].url}/openapi.json", timeout=20).json()
    return [
        (path, operations["get"])
        for path, operations in document["paths"].items()
        if "get" in operations and path not in UNSCOPED
    ]


def _request(path: str, operation: dict[str, Any], seeded: Seeded) -> tuple[str, dict[str, str]]:
    """The route asked about agency A: path parameters, the filters a stranger would try
    (nip, agency) and required query parameters."""
    url, query = path, {}
    for parameter in operation.get("parameters", []):
        name, where = parameter["name"], parameter["in"]
        if where == "path":
            url = url.replace(f"{{{name}}}", _path_value(path, name, seeded))
        elif name in ("nip", "agency_code", "agency"):
            query[name] = seeded.nip if name == "nip" else seeded.agency
        elif name == "on" and parameter.get("required"):
            query[name] = factories.at().date().isoformat()
        elif parameter.get("required"):
            pytest.fail(f"{path}: give the query parameter {name!r} a value in _request")
    return url, query


@pytest.mark.parametrize("service", SERVICES)
async def test_no_read_route_gives_a_stranger_another_agencys_data(
    system: System, seeded: Seeded, service: str
) -> None:
    strangers = {
        "operator of another agency": _bearer(
            system, Role.AGENCY_OPERATOR, agencies=[factories.agency_code()]
        ),
        "another employee": _bearer(system, Role.EMPLOYEE, nip=factories.nip()),
    }
    own = _bearer(system, Role.AGENCY_OPERATOR, agencies=[seeded.agency])
    leaks, walked = [], 0
    async with httpx.AsyncClient(base_url=system[service].url, timeout=20) as http:
        for path, operation in _read_routes(system, service):
            url, query = _request(path, operation, seeded)
            for who, headers in strangers.items():
                response = await http.get(url, headers=headers, params=query)
                walked += 1
                assert response.status_code < 500, f"{url} as {who}: {response.text}"
                if response.status_code == 200:
                    found = [s for s in seeded.secrets() if s in response.text]
                    if found:
                        leaks.append(f"GET {url} {query} as {who}: carries {found}")
            # The route does answer agency A's own operator (else the walk proved nothing
            # about it), unless it is an employee's own page.
            mine = await http.get(url, headers=own, params=query)
            assert mine.status_code in (200, 403), f"{url} as A's operator: {mine.text}"

    assert walked > 0
    assert leaks == []
