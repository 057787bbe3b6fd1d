"""The evaluation service as a process on real PostgreSQL and Kafka."""

import json
import uuid
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from bangkom.evaluation.domain.model import AssessmentMethod, AssessmentResult
from bangkom.evaluation.handlers.publishing import results_recorded
from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.catalog import (
    CompletionRecorded,
    FrameworkPublished,
    ResultsRecorded,
    StandardPublished,
    TrainingEvaluationScheduled,
    topics,
)
from bangkom.platform.catalog.training import CourseCompetency
from bangkom.platform.messaging.envelope import encode
from bangkom.platform.settings import ServiceSettings
from tests import builders, factories
from tests.infra import KAFKA, headers, message_of, read_topic, wait_for
from tests.processes import System, running_system

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]
MANAGERIAL = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]


@pytest.fixture(scope="module")
async def system(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    async with running_system(
        tmp_path_factory.mktemp("evaluation"), services=("evaluation",)
    ) as running:
        yield running


@pytest.fixture
async def http(system: System) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=system["evaluation"].url, timeout=20) as client:
        yield client


def _auth(system: System, *roles: Role, agencies: list[str] | None = None) -> dict[str, str]:
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    token = mint_dev_token(settings, subject="it", roles=list(roles), agencies=agencies)
    return {"Authorization": f"Bearer {token}"}


def _topic(system: System, name: str) -> str:
    return f"{system.topic_prefix}{name}"


@pytest.mark.parametrize(
    ("nip", "problem", "expected"),
    [
        ("19850315201001200", "nip_length", "harus tepat 18 angka"),
        ("198502302010012003", "nip_birth_date", "tanggal lahir 1985-02-30"),
        ("198503152010132003", "nip_tmt_month", "bulan TMT CPNS 13"),
        ("198503152010013003", "nip_gender", "angka jenis kelamin (ke-15) 3"),
        ("198503152010011000", "nip_sequence", "nomor urut (3 angka terakhir)"),
        ("200503152010012003", "nip_age_at_appointment", "usia 4 tahun saat pengangkatan"),
    ],
)
async def test_an_invalid_nip_is_refused_with_the_problem_named_and_nothing_stored(
    system: System, http: httpx.AsyncClient, nip: str, problem: str, expected: str
) -> None:
    admin = _auth(system, Role.PROVINCE_ADMIN)
    agency = await builders.an_agency(http, admin)
    position = await builders.a_position(http, admin, agency)

    response = await http.put(
        "/employees",
        headers=admin,
        json={"nip": nip, "name": "X", "agency_code": agency, "position_code": position},
    )

    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["field"], expected in body["message"]) == (
        "invalid_nip",
        "body.nip",
        True,
    )
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("body.nip", problem)]
    assert (await http.get(f"/employees/{nip}", headers=admin)).status_code == 404


async def test_a_valid_pns_and_pppk_number_are_registered_with_their_employment_type(
    system: System, http: httpx.AsyncClient
) -> None:
    admin = _auth(system, Role.PROVINCE_ADMIN)
    agency = await builders.an_agency(http, admin)
    position = await builders.a_position(http, admin, agency)
    pns = factories.nip()
    pppk = factories.nip(appointed=(2023, 1), pppk=True)

    for nip in (pns, pppk):
        body = {"nip": nip, "name": "Y", "agency_code": agency, "position_code": position}
        assert (await http.put("/employees", headers=admin, json=body)).status_code == 200

    types = [(await http.get(f"/employees/{n}", headers=admin)).json() for n in (pns, pppk)]
    assert [t["employment_type"] for t in types] == ["PNS", "PPPK"]


async def test_an_import_stores_good_rows_reports_bad_ones_and_a_reimport_changes_nothing(
    system: System, http: httpx.AsyncClient
) -> None:
    admin = _auth(system, Role.PROVINCE_ADMIN)
    agency = await builders.an_agency(http, admin)
    position = await builders.a_position(http, admin, agency)
    nips = [await builders.an_employee(http, admin, agency, position) for _ in range(3)]
    lines = ["nip,competency_code,level,method,evaluated_at"]
    lines += [f"{nip},{code},2,cat,2026-04-01" for nip in nips[:2] for code in ("M.01", "M.05")]
    # New Year in Jakarta, not yet in UTC: the period is the year in WIB.
    lines += [
        f"{nips[2]},M.01,3,360,2025-12-31T20:00:00+00:00",
        f"{nips[2]},M.05,2,self,2026-04-01",
    ]
    lines += [f"{nips[0]},M.02,6,cat,2026-04-01", f"{factories.nip()},M.02,2,cat,2026-04-01"]
    content = "\n".join(lines).encode()

    async def imported() -> dict:
        response = await http.post(
            "/imports/results", headers=admin, files={"file": ("hasil.csv", content)}
        )
        assert response.status_code == 202, response.text
        job = response.json()["id"]

        async def finished() -> dict | None:
            body = (await http.get(f"/imports/{job}", headers=admin)).json()
            return body if body["status"] == "done" else None

        return await wait_for(finished, what="import done")

    first = await imported()
    second = await imported()

    assert (first["rows_stored"], first["rows_rejected"]) == (6, 2)
    assert (second["rows_stored"], second["rows_unchanged"], second["rows_rejected"]) == (0, 6, 2)
    errors = (await http.get(f"/imports/{first['id']}/errors", headers=admin)).json()["items"]
    assert [(e["row"], e["column"]) for e in errors] == [(8, "level"), (9, "nip")]

    def published(records: list) -> int:
        return sum(
            len(json.loads(r.value)["results"])
            for r in records
            if headers(r)["ce_subject"] in nips and headers(r)["ce_type"] == ResultsRecorded.TYPE
        )

    records = await read_topic(_topic(system, topics.RESULTS.name), lambda rs: published(rs) >= 6)
    assert published(records) == 6
    # One event per employee, carrying the stored results (ids, WIB period, method rank).
    for nip in nips:
        (record,) = [r for r in records if headers(r)["ce_subject"] == nip]
        stored = (await http.get(f"/employees/{nip}/results", headers=admin)).json()["items"]
        expected = results_recorded(
            nip,
            agency,
            [
                AssessmentResult(
                    **{
                        **r,
                        "method": AssessmentMethod(r["method"]),
                        "evaluated_at": datetime.fromisoformat(r["evaluated_at"]),
                    }
                )
                for r in stored
            ],
        )
        got = ResultsRecorded.model_validate_json(record.value)
        want = expected.event().model_dump()
        assert got.model_dump() == {
            **want,
            "results": sorted(want["results"], key=lambda r: r["competency_code"]),
        }


async def test_a_framework_version_is_published_and_restandardises_only_the_changed_type(
    system: System, http: httpx.AsyncClient
) -> None:
    admin = _auth(system, Role.PROVINCE_ADMIN)
    agency = await builders.an_agency(http, admin)
    pelaksana = await builders.a_position(http, admin, agency, "pelaksana")
    analyst = await builders.a_position(http, admin, agency, "fungsional_ahli_muda")
    current = (await http.get("/framework", headers=admin)).json()

    published = await http.post(
        "/framework/versions",
        headers=admin,
        json={
            "note": "pelaksana naik",
            "position_type_defaults": {
                "pelaksana": dict.fromkeys(MANAGERIAL, current["version"] % 4 + 2)
            },
        },
    )

    assert published.status_code == 201, published.text
    version = published.json()["version"]
    frameworks = await read_topic(
        _topic(system, topics.FRAMEWORK.name),
        lambda rs: any(json.loads(r.value).get("version") == version for r in rs),
    )
    assert headers(frameworks[-1])["ce_type"] == FrameworkPublished.TYPE
    standards = await read_topic(
        _topic(system, topics.STANDARDS.name),
        lambda rs: any(
            json.loads(r.value)["framework_version"] == version
            and json.loads(r.value)["position_code"] == pelaksana
            for r in rs
        ),
    )
    by_position = {}
    for record in standards:
        data = json.loads(record.value)
        assert headers(record)["ce_type"] == StandardPublished.TYPE
        by_position.setdefault(data["position_code"], []).append(data["version"])
    assert by_position[pelaksana] == [1, 2]
    assert by_position[analyst] == [1]


async def test_a_training_completion_from_kafka_schedules_the_l3_evaluation(
    system: System, http: httpx.AsyncClient
) -> None:
    admin = _auth(system, Role.PROVINCE_ADMIN)
    agency = await builders.an_agency(http, admin)
    nip = await builders.an_employee(
        http, admin, agency, await builders.a_position(http, admin, agency)
    )
    completion = CompletionRecorded(
        completion_id=str(uuid.uuid4()),
        nip=nip,
        agency_code=agency,
        course_code="PEL-PP",
        outcome="passed",
        score=88,
        jp=24,
        mode="klasikal",
        competencies=[CourseCompetency(competency_code="M.05", level_from=1, level_to=3)],
        source="session",
        completed_at=factories.at(days_ago=3),
    )
    producer = AIOKafkaProducer(bootstrap_servers=KAFKA)
    await producer.start()
    try:
        key, value, record_headers = encode(message_of(completion, at=factories.at()))
        await producer.send_and_wait(
            _topic(system, topics.COMPLETIONS.name), value=value, key=key, headers=record_headers
        )
    finally:
        await producer.stop()
    operator = _auth(system, Role.AGENCY_OPERATOR, agencies=[agency])

    async def scheduled() -> list[dict]:
        response = await http.get("/training-evaluations?status=upcoming", headers=operator)
        return list(response.json()["items"])

    [evaluation] = await wait_for(scheduled, what="L3 evaluation scheduled")

    assert evaluation["completion_id"] == completion.completion_id
    assert evaluation["due_at"].startswith(
        (completion.completed_at + timedelta(days=90)).date().isoformat()
    )
    records = await read_topic(
        _topic(system, topics.TRAINING_EVALUATIONS.name),
        lambda rs: any(headers(r)["ce_subject"] == nip for r in rs),
    )
    [event] = [r for r in records if headers(r)["ce_subject"] == nip]
    assert headers(event)["ce_type"] == TrainingEvaluationScheduled.TYPE


async def test_an_operator_of_agency_a_is_refused_on_every_read_and_write_of_agency_b(
    system: System, http: httpx.AsyncClient
) -> None:
    admin = _auth(system, Role.PROVINCE_ADMIN)
    mine, theirs = await builders.an_agency(http, admin), await builders.an_agency(http, admin)
    their_position = await builders.a_position(http, admin, theirs)
    their_nip = await builders.an_employee(http, admin, theirs, their_position)
    operator = _auth(system, Role.AGENCY_OPERATOR, agencies=[mine])
    result = {
        "nip": their_nip,
        "competency_code": "M.05",
        "level": 2,
        "method": "cat",
        "evaluated_at": "2026-04-01T09:00:00+07:00",
    }
    employee = {
        "nip": their_nip,
        "name": "Moved",
        "agency_code": theirs,
        "position_code": their_position,
    }
    roster = f"nip,name,agency_code,position_code\n{their_nip},Moved,{theirs},{their_position}\n"

    reads = {
        path: (await http.get(path, headers=operator)).status_code
        for path in (
            f"/employees/{their_nip}",
            f"/employees/{their_nip}/results",
            f"/employees/{their_nip}/profile",
            f"/positions/{their_position}",
            f"/agencies/{theirs}",
        )
    }
    writes = {
        "record result": (await http.post("/results", headers=operator, json=result)).status_code,
        "change employee": (
            await http.put("/employees", headers=operator, json=employee)
        ).status_code,
        "move employee here": (
            await http.put(
                "/employees",
                headers=operator,
                json=employee | {"agency_code": mine, "position_code": their_position},
            )
        ).status_code,
        "define position": (
            await http.put(
                "/positions",
                headers=operator,
                json={
                    "code": f"{theirs}-NEW",
                    "name": "X",
                    "agency_code": theirs,
                    "position_type": "pelaksana",
                },
            )
        ).status_code,
    }
    listed = (await http.get("/employees", headers=operator)).json()["items"]
    upload = await http.post(
        "/imports/roster", headers=operator, files={"file": ("p.csv", roster.encode())}
    )

    assert set(reads.values()) == {404}, reads
    assert writes == {
        "record result": 404,
        "change employee": 403,
        "move employee here": 403,
        "define position": 403,
    }
    assert their_nip not in {e["nip"] for e in listed}
    job = upload.json()["id"]

    async def finished() -> dict | None:
        body = (await http.get(f"/imports/{job}", headers=operator)).json()
        return body if body["status"] == "done" else None

    assert (await wait_for(finished, what="import"))["rows_rejected"] == 1
    unchanged = (await http.get(f"/employees/{their_nip}", headers=admin)).json()
    assert unchanged["name"] == "Rina Siregar"
