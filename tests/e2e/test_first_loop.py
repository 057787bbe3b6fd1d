"""The first automatic loop, end to end: four service processes, real Kafka and
PostgreSQL. One evaluation result in; its proposal out over REST, gRPC and Kafka."""

import json
from collections.abc import AsyncIterator

import grpc
import httpx
import pytest

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.catalog import ProposalCreated, topics
from bangkom.platform.settings import ServiceSettings
from bangkom.proto.recommendation.v1 import recommendation_pb2 as pb
from bangkom.proto.recommendation.v1 import recommendation_pb2_grpc as pb_grpc
from tests import builders, factories
from tests.infra import headers, read_topic, wait_for
from tests.processes import System, running_system

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]

METRICS = (
    "bangkom_http_requests_total",
    "bangkom_http_request_duration_seconds",
    "bangkom_events_published_total",
    "bangkom_events_consumed_total",
    "bangkom_events_failed_total",
    "bangkom_events_dead_lettered_total",
    "bangkom_outbox_backlog_events",
    "bangkom_outbox_oldest_event_age_seconds",
    "bangkom_consumer_lag_messages",
)


@pytest.fixture(scope="module")
async def system(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    async with running_system(tmp_path_factory.mktemp("e2e")) as running:
        yield running


def _token(system: System, *roles: Role, agencies: list[str] | None = None) -> str:
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    return mint_dev_token(settings, subject="e2e", roles=list(roles), agencies=agencies)


async def _where_it_stopped(http: httpx.AsyncClient, system: System, nip: str) -> str:
    """What each hop shows when the proposal is late: the outboxes, what recommendation
    consumed and holds of the employee (a CI run once timed out here, cause unknown)."""
    admin = {"Authorization": f"Bearer {_token(system, Role.PROVINCE_ADMIN)}"}
    shown = []
    for name in ("evaluation", "training", "recommendation"):
        metrics = (await http.get(f"{system[name].url}/metrics")).text
        shown += [
            f"{name}: {line}"
            for line in metrics.splitlines()
            if line.startswith(("bangkom_outbox_backlog", "bangkom_events_consumed_total"))
        ]
    gaps = await http.get(f"{system['recommendation'].url}/employees/{nip}/gaps", headers=admin)
    shown.append(f"recommendation gaps of {nip}: {gaps.status_code} {gaps.text[:500]}")
    return "\n".join(shown)


async def test_one_result_becomes_a_proposal_over_rest_grpc_and_kafka(system: System) -> None:
    admin = {"Authorization": f"Bearer {_token(system, Role.PROVINCE_ADMIN)}"}

    async with httpx.AsyncClient(timeout=10, base_url=system["evaluation"].url) as evaluation:
        agency = await builders.an_agency(evaluation, admin)
        operator_token = _token(system, Role.AGENCY_OPERATOR, agencies=[agency])
        operator = {"Authorization": f"Bearer {operator_token}"}
        position = await builders.a_position(evaluation, operator, agency, overrides={"M.05": 3})
        nip = await builders.an_employee(evaluation, operator, agency, position)
    course = f"PP-{agency}"

    async with httpx.AsyncClient(timeout=10) as http:
        put = await http.put(
            f"{system['training'].url}/courses",
            headers=admin,
            json={
                "code": course,
                "title": "Pelayanan Publik Prima",
                "competencies": [{"competency_code": "M.05", "level_from": 1, "level_to": 3}],
                "jp": 24,
                "mode": "klasikal",
                "provider": "BPSDM Provinsi Sumatera Utara",
                "cost": 1500000,
            },
        )
        assert put.status_code == 200, put.text
        posted = await http.post(
            f"{system['evaluation'].url}/results",
            headers=operator,
            json={
                "nip": nip,
                "competency_code": "M.05",
                "level": 1,
                "method": "assessment_center",
                "evaluated_at": factories.at(1).isoformat(),
            },
        )
        assert posted.status_code == 201, posted.text

        async def proposals_over_rest() -> list[dict[str, object]]:
            response = await http.get(
                f"{system['recommendation'].url}/employees/{nip}/proposals", headers=operator
            )
            return list(response.json()["items"]) if response.status_code == 200 else []

        try:
            [proposal] = await wait_for(
                proposals_over_rest, deadline_s=60, what="proposal over REST"
            )
        except AssertionError as late:
            raise AssertionError(f"{late}; {await _where_it_stopped(http, system, nip)}") from late

        gaps = (
            await http.get(f"{system['recommendation'].url}/employees/{nip}/gaps", headers=operator)
        ).json()

    assert proposal["course_code"] == course
    assert proposal["status"] == "proposed"
    assert proposal["reasons"][0] == (
        "Kesenjangan 2 level pada Pelayanan Publik (saat ini 1, standar jabatan 3)"
    )
    statuses = {g["competency_code"]: g["status"] for g in gaps["gaps"]}
    assert statuses.pop("M.05") == "open"
    assert set(statuses.values()) == {"unknown"}
    assert len(statuses) == 8

    async with grpc.aio.insecure_channel(system["recommendation"].grpc_address) as channel:
        stub = pb_grpc.RecommendationServiceStub(channel)
        reply = await stub.ListProposals(
            pb.ListProposalsRequest(nip=nip),
            metadata=[("authorization", f"Bearer {operator_token}")],
        )
    assert [p.proposal_id for p in reply.proposals] == [proposal["id"]]
    assert reply.proposals[0].reasons[0].startswith("Kesenjangan 2 level")

    proposals_topic = f"{system.topic_prefix}{topics.PROPOSALS.name}"
    records = await read_topic(
        proposals_topic,
        lambda rs: any(headers(r).get("ce_subject") == nip for r in rs),
    )
    [cloud_event] = [r for r in records if headers(r).get("ce_subject") == nip]
    attributes = headers(cloud_event)
    assert attributes["ce_type"] == ProposalCreated.TYPE
    assert attributes["ce_specversion"] == "1.0"
    assert attributes["ce_source"] == "/bangkom/recommendation"
    assert cloud_event.key == nip.encode()
    assert json.loads(cloud_event.value)["proposal_id"] == proposal["id"]


async def test_an_operator_of_another_agency_sees_nothing_over_rest_and_grpc(
    system: System,
) -> None:
    stranger_token = _token(system, Role.AGENCY_OPERATOR, agencies=[factories.agency_code()])
    async with httpx.AsyncClient(timeout=10) as http:
        listed = await http.get(
            f"{system['recommendation'].url}/proposals",
            headers={"Authorization": f"Bearer {stranger_token}"},
        )
    assert listed.status_code == 200
    assert listed.json()["items"] == []

    async with grpc.aio.insecure_channel(system["recommendation"].grpc_address) as channel:
        stub = pb_grpc.RecommendationServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.ListProposals(pb.ListProposalsRequest(nip=factories.nip()))
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_every_service_exposes_its_metrics_health_and_docs(system: System) -> None:
    async with httpx.AsyncClient(timeout=10) as http:
        for service in system.services.values():
            metrics = (await http.get(f"{service.url}/metrics")).text
            for name in METRICS:
                assert name in metrics, f"{service.name} lacks {name}"
            assert (await http.get(f"{service.url}/healthz")).json() == {"status": "ok"}
            assert (await http.get(f"{service.url}/docs")).status_code == 200
            openapi = (await http.get(f"{service.url}/openapi.json")).json()
            assert openapi["info"]["title"] == f"bangkom {service.name}"


async def test_grpc_health_and_reflection_answer_without_a_token(system: System) -> None:
    from grpc_health.v1 import health_pb2, health_pb2_grpc
    from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

    async with grpc.aio.insecure_channel(system["recommendation"].grpc_address) as channel:
        health = await health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service="bangkom.recommendation.v1.RecommendationService")
        )
        reflection = reflection_pb2_grpc.ServerReflectionStub(channel)
        replies = [
            reply
            async for reply in reflection.ServerReflectionInfo(
                iter([reflection_pb2.ServerReflectionRequest(list_services="")])
            )
        ]

    assert health.status == health_pb2.HealthCheckResponse.SERVING
    services = {s.name for s in replies[0].list_services_response.service}
    assert "bangkom.recommendation.v1.RecommendationService" in services
    assert "grpc.health.v1.Health" in services
