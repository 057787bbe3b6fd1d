"""The gRPC profile carries the same job-person match as the REST one (one query, two
encodings)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
import httpx
import pytest

from bangkom.platform.rpc.server import GrpcServer
from bangkom.platform.service import Service
from bangkom.proto.evaluation.v1 import evaluation_pb2 as pb
from bangkom.proto.evaluation.v1 import evaluation_pb2_grpc as pb_grpc
from tests import builders


@pytest.fixture
async def server(service: Service) -> AsyncIterator[GrpcServer]:
    server = GrpcServer(
        host="127.0.0.1", port=0, services=service.grpc_services, verifier=service.verifier
    )
    await server.start()
    yield server
    await server.stop(0)


async def _profile(
    server: GrpcServer, admin: dict[str, str], nip: str
) -> pb.GetEmployeeProfileResponse:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        response: pb.GetEmployeeProfileResponse = await pb_grpc.EvaluationServiceStub(
            channel
        ).GetEmployeeProfile(
            pb.GetEmployeeProfileRequest(nip=nip),
            metadata=[("authorization", admin["Authorization"])],
        )
    return response


async def test_the_grpc_profile_has_the_rest_profiles_jpm(
    client: httpx.AsyncClient, admin: dict[str, str], server: GrpcServer
) -> None:
    agency = await builders.an_agency(client, admin)
    position = await builders.a_position(client, admin, agency)  # pengawas: 9 at level 2
    nip = await builders.an_employee(client, admin, agency, position)
    result = {
        "nip": nip,
        "competency_code": "M.05",
        "level": 2,
        "method": "cat",
        "evaluated_at": "2026-11-01T09:00:00+07:00",
    }
    assert (await client.post("/results", headers=admin, json=result)).status_code == 201

    rest = (await client.get(f"/employees/{nip}/profile", headers=admin)).json()["jpm"]
    found = (await _profile(server, admin, nip)).jpm

    # 2 of 18 required level points are met: 11.1 %.
    assert rest == {"percent": 11.1, "category": "kurang_optimal", "assessed": 1, "required": 9}
    assert (found.percent, found.category, found.assessed, found.required) == tuple(rest.values())
