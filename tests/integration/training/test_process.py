"""The training service as its own process (python -m bangkom.training serve) on
PostgreSQL and Kafka: wiring, gRPC SearchCourses, and an accepted proposal consumed
from Kafka."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import grpc
import httpx
import pytest
from aiokafka import AIOKafkaProducer

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.catalog.base import Event
from bangkom.platform.messaging.envelope import encode
from bangkom.platform.settings import ServiceSettings
from bangkom.proto.training.v1 import training_pb2 as pb
from bangkom.proto.training.v1 import training_pb2_grpc as pb_grpc
from tests import factories
from tests.infra import KAFKA, message_of, wait_for
from tests.processes import System, running_system
from tests.unit.training import factories as training

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]


@pytest.fixture(scope="module")
async def system(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    async with running_system(tmp_path_factory.mktemp("training"), services=("training",)) as s:
        yield s


def _token(system: System, *roles: Role) -> str:
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    return mint_dev_token(settings, subject="itest", roles=list(roles))


async def _produce(system: System, event: Event) -> None:
    message = message_of(event, at=datetime.now(UTC))
    key, value, headers = encode(message)
    producer = AIOKafkaProducer(bootstrap_servers=KAFKA)
    await producer.start()
    try:
        await producer.send_and_wait(
            f"{system.topic_prefix}{event.TOPIC.name}", value=value, key=key, headers=headers
        )
    finally:
        await producer.stop()


async def _publish_course_and_session(system: System, admin: dict[str, str]) -> tuple[str, str]:
    course = training.course_code()
    starts_on = datetime.now(UTC).date() + timedelta(days=14)
    async with httpx.AsyncClient(base_url=system["training"].url, timeout=10) as http:
        put = await http.put(
            "/courses",
            headers=admin,
            json={
                "code": course,
                "title": "Manajemen Kinerja ASN",
                "competencies": [{"competency_code": "M.04", "level_from": 2, "level_to": 4}],
                "jp": 30,
                "mode": "blended",
                "provider": "BPSDM Provinsi Sumatera Utara",
                "cost": 2500000,
            },
        )
        assert put.status_code == 200, put.text
        session = f"{course}-2027-01"
        put = await http.put(
            "/sessions",
            headers=admin,
            json={
                "code": session,
                "course_code": course,
                "batch": 1,
                "starts_on": starts_on.isoformat(),
                "ends_on": (starts_on + timedelta(days=4)).isoformat(),
                "capacity": 25,
                "enrolment_opens_at": (datetime.now(UTC) - timedelta(days=1)).isoformat(),
                "enrolment_closes_at": f"{starts_on - timedelta(days=2)}T16:00:00+07:00",
                "online_url": "https://lms.bpsdm.sumutprov.go.id/kelas/mk-asn",
                "location": "BPSDM Provinsi Sumatera Utara, Medan",
                "status": "open",
            },
        )
        assert put.status_code == 200, put.text
    return course, session


async def test_search_courses_over_grpc_by_competency_and_level(system: System) -> None:
    admin = {"Authorization": f"Bearer {_token(system, Role.PROVINCE_ADMIN)}"}
    course, _ = await _publish_course_and_session(system, admin)
    metadata = [("authorization", f"Bearer {_token(system, Role.SERVICE)}")]

    async with grpc.aio.insecure_channel(system["training"].grpc_address) as channel:
        stub = pb_grpc.TrainingServiceStub(channel)
        fits = await stub.SearchCourses(
            pb.SearchCoursesRequest(competency_code="M.04", current_level=3), metadata=metadata
        )
        too_high = await stub.SearchCourses(
            pb.SearchCoursesRequest(competency_code="M.04", current_level=4), metadata=metadata
        )
        with pytest.raises(grpc.aio.AioRpcError) as invalid:
            await stub.SearchCourses(
                pb.SearchCoursesRequest(competency_code="M.04", target_level=9), metadata=metadata
            )
        with pytest.raises(grpc.aio.AioRpcError) as anonymous:
            await stub.SearchCourses(pb.SearchCoursesRequest(competency_code="M.04"))

    assert course in [c.code for c in fits.courses]
    [found] = [c for c in fits.courses if c.code == course]
    assert (found.jp, found.mode, found.competencies[0].level_to) == (30, "blended", 4)
    assert course not in [c.code for c in too_high.courses]
    assert invalid.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "target_level 9" in (invalid.value.details() or "")
    assert anonymous.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_an_accepted_proposal_becomes_an_enrolment_in_the_running_service(
    system: System,
) -> None:
    admin = {"Authorization": f"Bearer {_token(system, Role.PROVINCE_ADMIN)}"}
    course, session = await _publish_course_and_session(system, admin)
    agency = factories.agency_code()
    person = training.employee_updated(agency=agency, changed_at=factories.at(days_ago=1))
    accepted = training.proposal_decided(
        person.nip, agency, course, decided_at=factories.at(days_ago=0)
    )

    await _produce(system, person)
    await _produce(system, accepted)

    async with httpx.AsyncClient(base_url=system["training"].url, timeout=10) as http:

        async def enrolled() -> list[dict[str, object]]:
            response = await http.get("/enrolments", headers=admin, params={"nip": person.nip})
            return list(response.json()["items"]) if response.status_code == 200 else []

        [enrolment] = await wait_for(enrolled, what="enrolment from the accepted proposal")
        openapi = (await http.get("/openapi.json")).json()

    assert (enrolment["session_code"], enrolment["proposal_id"], enrolment["status"]) == (
        session,
        accepted.proposal_id,
        "enrolled",
    )
    assert openapi["info"]["title"] == "bangkom training"
    assert "/compliance/checks" in openapi["paths"]
