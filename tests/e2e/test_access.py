"""Every read route of every service, taken from its route table, asked by an operator of
another agency and by another employee about one agency's data: none answers with it.

The data is made the way people make it (a survey answered, a result recorded, a
proposal accepted, an enrolment completed, an import uploaded, an SKP rating, a
development plan, a critical position) on the five services as processes on PostgreSQL
and Kafka. A new route is walked without editing this test; a
new kind of path parameter makes it fail until it is given a value here.
"""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import grpc
import httpx
import pytest

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.settings import ServiceSettings
from bangkom.proto.career.v1 import career_pb2 as career_pb
from bangkom.proto.career.v1 import career_pb2_grpc as career_grpc
from bangkom.proto.survey.v1 import survey_pb2 as survey_pb
from bangkom.proto.survey.v1 import survey_pb2_grpc as survey_grpc
from tests import builders, factories
from tests.infra import wait_for
from tests.processes import EVERY_SERVICE, System, running_system

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]
SERVICES = EVERY_SERVICE
# Not data of any agency: probes, the API document, the province's catalog and framework.
UNSCOPED = {"/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/redoc"}
PUBLIC = "/public/"  # what the public reaches without an account, by design
SKM_PERIODS = ("2026-1", "2026-2")
ELEMENTS = builders.SKM_ELEMENTS


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
    period_id: str
    plan_id: str
    case_ids: dict[str, str]  # a CASE object of each collection (/ims/case/v1p0/<collection>)
    draft_id: str  # a framework draft, read from the exported framework

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
    async with running_system(tmp_path_factory.mktemp("access"), services=SERVICES) as running:
        yield running


async def _until(http: httpx.AsyncClient, url: str, headers: dict[str, str], found: Any) -> Any:
    async def probe() -> Any:
        response = await http.get(url, headers=headers)
        return found(response.json()) if response.status_code == 200 else None

    return await wait_for(probe, deadline_s=60, what=url)


@pytest.fixture(scope="module")
async def seeded(system: System) -> Seeded:
    evaluation, training, survey, recommendation, career = (system[n].url for n in SERVICES)
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
        async with httpx.AsyncClient(base_url=survey, timeout=20) as surveys:
            survey_id = await builders.a_survey(surveys, operator, [agency])
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
        async with httpx.AsyncClient(base_url=training, timeout=20) as catalog:
            course = await builders.a_course(catalog, admin, f"AX-{agency.rsplit('.', 1)[1]}")
            session = await builders.an_open_session(catalog, admin, course)
        async with httpx.AsyncClient(base_url=evaluation, timeout=20) as records:
            await builders.a_result(records, operator, nip, "M.05", days_ago=2)
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
        # The import runs in the background: its result is in evaluation and in career
        # before the tests below read it there.
        await _until(
            http,
            f"{career}/employees/{nip}/readiness/{position}",
            operator,
            lambda readiness: [
                g
                for g in readiness["gaps"]
                if (g["competency_code"], g["current_level"]) == ("M.01", 2)
            ],
        )
        for label in SKM_PERIODS:  # two SKM periods of the agency, answered and closed
            period = _ok(
                await http.post(
                    f"{survey}/satisfaction/periods",
                    headers=operator,
                    json={"unit_code": agency, "label": label, "population": 500},
                ),
                201,
            )
            answer = {"submission_id": str(uuid.uuid4()), "ratings": dict.fromkeys(ELEMENTS, 3)}
            _ok(
                await http.post(
                    f"{survey}/public/satisfaction/{period['id']}/answers", json=answer
                ),
                201,
            )
            _ok(
                await http.post(
                    f"{survey}/satisfaction/periods/{period['id']}/close", headers=operator
                )
            )
        # Career: the employee placed from their results, rated, given a plan toward
        # their position's level, and that position marked critical.
        await _until(http, f"{career}/employees/{nip}/nine-box", operator, lambda box: box)
        _ok(
            await http.post(
                f"{career}/ratings",
                headers=operator,
                json={"nip": nip, "year": 2025, "predicate": "baik"},
            )
        )
        plan_id = _ok(
            await http.post(
                f"{career}/development-plans",
                headers=operator,
                json={"nip": nip, "target_position_code": position},
            ),
            201,
        )["id"]
        _ok(await http.put(f"{career}/succession/{position}", headers=operator, json={}))
        await _until(
            http,
            f"{recommendation}/analytics/satisfaction-effect?unit_code={agency}"
            f"&before={SKM_PERIODS[0]}&after={SKM_PERIODS[1]}",
            operator,
            lambda effect: effect,
        )
    case_ids = await _case_ids(evaluation, admin)
    return Seeded(
        case_ids=case_ids,
        draft_id=await _draft(evaluation, admin, case_ids["CFPackages"]),
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
        period_id=period["id"],
        plan_id=plan_id,
    )


async def _case_ids(evaluation: str, admin: dict[str, str]) -> dict[str, str]:
    async with httpx.AsyncClient(base_url=f"{evaluation}/ims/case/v1p0", timeout=20) as case:
        [document, *_] = _ok(await case.get("/CFDocuments", headers=admin))["CFDocuments"]
        package = _ok(await case.get(f"/CFPackages/{document['identifier']}", headers=admin))
    return {
        "CFDocuments": document["identifier"],
        "CFPackages": document["identifier"],
        "CFItems": package["CFItems"][0]["identifier"],
        "CFAssociations": package["CFAssociations"][0]["identifier"],
    }


async def _draft(evaluation: str, admin: dict[str, str], document_id: str) -> str:
    async with httpx.AsyncClient(base_url=evaluation, timeout=20) as http:
        package = _ok(await http.get(f"/ims/case/v1p0/CFPackages/{document_id}", headers=admin))
        return str(
            _ok(await http.post("/framework/drafts", headers=admin, json=package), 201)["id"]
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
        "period_id": seeded.period_id,
        "plan_id": seeded.plan_id,
        "position_code": seeded.position,
        "draft_id": seeded.draft_id,
        "version": "1",
        "file_format": "csv",  # a report: the same rows as its JSON list
    }
    by_collection = {
        "/agencies/": seeded.agency,
        "/positions/": seeded.position,
        "/courses/": seeded.course,
        "/sessions/": seeded.session,
    }
    if name in by_name:
        return by_name[name]
    if name == "sourcedId":
        return seeded.case_ids[path.split("/")[-2]]
    for prefix, value in by_collection.items():
        if name == "code" and path.startswith(prefix):
            return value
    pytest.fail(f"{path}: give the path parameter {name!r} agency A's value in _path_value")


def _read_routes(system: System, service: str) -> list[tuple[str, dict[str, Any]]]:
    document = httpx.get(f"{system[service].url}/openapi.json", timeout=20).json()
    return [
        (path, operations["get"])
        for path, operations in document["paths"].items()
        if "get" in operations and path not in UNSCOPED and not path.startswith(PUBLIC)
    ]


def _request(path: str, operation: dict[str, Any], seeded: Seeded) -> tuple[str, dict[str, str]]:
    """The route asked about agency A: path parameters, the filters a stranger would try
    (nip, agency) and required query parameters."""
    url, query = path, {}
    for parameter in operation.get("parameters", []):
        name, where = parameter["name"], parameter["in"]
        if where == "path":
            url = url.replace(f"{{{name}}}", _path_value(path, name, seeded))
        elif name in ("nip", "agency_code", "agency", "unit_code"):
            query[name] = seeded.nip if name == "nip" else seeded.agency
        elif name in ("before", "after"):
            query[name] = SKM_PERIODS[0] if name == "before" else SKM_PERIODS[1]
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


async def test_surveys_grpc_api_gives_a_campaign_and_its_needs_within_scope(
    system: System, seeded: Seeded
) -> None:
    from grpc_health.v1 import health_pb2, health_pb2_grpc
    from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

    def bearer(*roles: Role, **claims: Any) -> list[tuple[str, str]]:
        return [("authorization", _bearer(system, *roles, **claims)["Authorization"])]

    own = bearer(Role.AGENCY_OPERATOR, agencies=[seeded.agency])
    stranger = bearer(Role.AGENCY_OPERATOR, agencies=[factories.agency_code()])
    async with grpc.aio.insecure_channel(system["survey"].grpc_address) as channel:
        stub = survey_grpc.SurveyServiceStub(channel)
        campaign = await stub.GetSurvey(
            survey_pb.GetSurveyRequest(survey_id=seeded.survey_id), metadata=own
        )
        needs = await stub.GetNeeds(
            survey_pb.GetNeedsRequest(survey_id=seeded.survey_id), metadata=own
        )
        refused = []
        for call in (
            stub.GetSurvey(
                survey_pb.GetSurveyRequest(survey_id=seeded.survey_id), metadata=stranger
            ),
            stub.GetNeeds(survey_pb.GetNeedsRequest(survey_id=seeded.survey_id), metadata=stranger),
            stub.GetSurvey(survey_pb.GetSurveyRequest(survey_id=seeded.survey_id)),
        ):
            with pytest.raises(grpc.aio.AioRpcError) as error:
                await call
            refused.append(error.value.code())
        health = await health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service="bangkom.survey.v1.SurveyService")
        )
        replies = [
            reply
            async for reply in reflection_pb2_grpc.ServerReflectionStub(
                channel
            ).ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]))
        ]

    assert (campaign.status, campaign.eligible, campaign.answered) == ("closed", 2, 1)
    assert list(campaign.agency_codes) == [seeded.agency]
    [agency] = needs.agencies
    assert (agency.agency_code, agency.respondents) == (seeded.agency, 1)
    assert [n.rank for n in agency.needs] == list(range(1, len(agency.needs) + 1))
    assert refused == [
        grpc.StatusCode.NOT_FOUND,
        grpc.StatusCode.NOT_FOUND,
        grpc.StatusCode.UNAUTHENTICATED,
    ]
    assert health.status == health_pb2.HealthCheckResponse.SERVING
    listed = {s.name for s in replies[0].list_services_response.service}
    assert "bangkom.survey.v1.SurveyService" in listed


async def test_careers_grpc_api_gives_readiness_and_candidates_within_scope(
    system: System, seeded: Seeded
) -> None:
    def bearer(*roles: Role, **claims: Any) -> list[tuple[str, str]]:
        return [("authorization", _bearer(system, *roles, **claims)["Authorization"])]

    own = bearer(Role.AGENCY_OPERATOR, agencies=[seeded.agency])
    stranger = bearer(Role.AGENCY_OPERATOR, agencies=[factories.agency_code()])
    async with grpc.aio.insecure_channel(system["career"].grpc_address) as channel:
        stub = career_grpc.CareerServiceStub(channel)
        asked = career_pb.GetReadinessRequest(nip=seeded.nip, position_code=seeded.position)
        readiness = await stub.GetReadiness(asked, metadata=own)
        candidates = await stub.ListCandidates(
            career_pb.ListCandidatesRequest(position_code=seeded.position), metadata=own
        )
        refused = []
        for call in (
            stub.GetReadiness(asked, metadata=stranger),
            stub.GetReadiness(asked),
            stub.ListCandidates(
                career_pb.ListCandidatesRequest(position_code=seeded.position),
                metadata=bearer(Role.EMPLOYEE, nip=seeded.nip),
            ),
        ):
            with pytest.raises(grpc.aio.AioRpcError) as error:
                await call
            refused.append(error.value.code())

    # The employee holds the position: M.05 at 1 against its 3 (overrides), M.01 at 2.
    assert (readiness.nip, readiness.position_code) == (seeded.nip, seeded.position)
    gaps = {g.competency_code: g for g in readiness.gaps}
    assert (gaps["M.05"].current_level, gaps["M.05"].gap) == (1, 2)
    assert gaps["M.01"].current_level == 2
    assert not gaps["M.02"].HasField("current_level")  # never assessed: unknown, not 0
    assert readiness.readiness == career_pb.READINESS_BELUM_SIAP
    assert candidates.position_code == seeded.position
    assert refused == [
        grpc.StatusCode.NOT_FOUND,
        grpc.StatusCode.UNAUTHENTICATED,
        grpc.StatusCode.PERMISSION_DENIED,
    ]


async def test_each_service_gives_the_employee_what_it_holds_about_them_and_no_one_else(
    system: System, seeded: Seeded
) -> None:
    own = _bearer(system, Role.EMPLOYEE, nip=seeded.nip)
    other = _bearer(system, Role.EMPLOYEE, nip=factories.nip())
    held, refused = {}, {}
    async with httpx.AsyncClient(timeout=20) as http:
        for service in SERVICES:
            url = f"{system[service].url}/personal-data/{seeded.nip}"
            held[service] = _ok(await http.get(url, headers=own))["tables"]
            refused[service] = (await http.get(url, headers=other)).status_code

    def rows(service: str, table: str) -> int:
        return len(held[service][table])

    assert (rows("evaluation", "employee"), rows("evaluation", "assessment_result")) == (1, 2)
    assert (rows("training", "enrolment"), rows("training", "completion")) == (1, 1)
    assert (rows("survey", "survey_response"), rows("survey", "supervisor_rating")) == (1, 1)
    assert (rows("recommendation", "placement"), rows("recommendation", "proposal")) == (1, 1)
    assert (rows("career", "performance_rating"), rows("career", "development_plan")) == (1, 1)
    assert rows("career", "talent_placement") == 1
    assert "register_employee" in [e["action"] for e in held["evaluation"]["audit_log"]]
    assert set(refused.values()) == {403}
