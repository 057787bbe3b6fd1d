"""Tokens of a real Keycloak (scripts/keycloak.sh, realms in deploy/keycloak/) against
the evaluation service in process, verifying with the keys of the realm's discovery
document: the caller each user's token makes, its scope over REST and gRPC, and each
kind of bad token refused with 401 and the RFC 6750 challenge saying why."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from bangkom.evaluation.bootstrap import bootstrap
from bangkom.evaluation.config import EvaluationSettings
from bangkom.platform.auth import Role
from bangkom.platform.rpc.server import GrpcServer
from bangkom.platform.service import Service
from bangkom.proto.evaluation.v1 import evaluation_pb2 as pb
from bangkom.proto.evaluation.v1 import evaluation_pb2_grpc as pb_grpc
from tests import builders, factories
from tests.keycloak import (
    OTHER_REALM,
    issuer,
    jwks_url,
    rotate_signing_key,
    service_token,
    signing_jwk,
    user_token,
)

pytestmark = [pytest.mark.keycloak]

DINKES, BKPSDM = "12.73.DINKES", "12.73.BKPSDM"
RINA = "198503152010012003"  # pegawai.rina's nip attribute in the realm file

Evaluation = Callable[..., Awaitable[Service]]


@pytest.fixture
async def evaluation(tmp_path: Path) -> AsyncIterator[Evaluation]:
    """Builds evaluation services on SQLite that trust the bangkom realm (or what the
    settings given say instead)."""
    built: list[Service] = []

    async def build(**settings: Any) -> Service:
        configured: dict[str, Any] = {
            "database_url": f"sqlite+aiosqlite:///{tmp_path / f'evaluation{len(built)}.db'}",
            "auth_issuer": issuer(),
            "auth_discovery": True,
            **settings,
        }
        service = bootstrap(EvaluationSettings(**configured))
        await service.prepare()
        built.append(service)
        return service

    yield build
    for service in built:
        await service.database.dispose()


def _http(service: Service) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=service.app), base_url="http://evaluation"
    )


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Roster:
    service: Service
    in_dinkes: str
    in_bkpsdm: str


@pytest.fixture
async def roster(evaluation: Evaluation) -> Roster:
    """An employee in each of two agencies, and pegawai.rina in Dinkes, entered by the
    realm's province admin."""
    service = await evaluation()
    admin = _bearer(await user_token("admin.provinsi"))
    async with _http(service) as http:
        people = []
        for agency, nip in ((DINKES, factories.nip()), (BKPSDM, factories.nip()), (DINKES, RINA)):
            await builders.an_agency(http, admin, code=agency)
            position = await builders.a_position(http, admin, agency)
            people.append(await builders.an_employee(http, admin, agency, position, nip=nip))
    return Roster(service, in_dinkes=people[0], in_bkpsdm=people[1])


async def test_each_test_users_token_makes_its_caller(evaluation: Evaluation) -> None:
    verifier = (await evaluation()).verifier

    operator = await verifier.verify(await user_token("operator.kota"))
    employee = await verifier.verify(await user_token("pegawai.rina"))
    admin = await verifier.verify(await user_token("admin.provinsi"))
    machine = await verifier.verify(await service_token())

    assert (operator.roles, operator.agencies) == ({Role.AGENCY_OPERATOR}, {DINKES, "12.73.DISDIK"})
    assert (employee.roles, employee.nip, employee.agencies) == ({Role.EMPLOYEE}, RINA, {DINKES})
    assert admin.roles == {Role.PROVINCE_ADMIN}
    assert machine.roles == {Role.SERVICE}


async def test_an_operator_reads_their_agencys_employee_and_not_anothers(roster: Roster) -> None:
    operator = _bearer(await user_token("operator.dinkes"))

    async with _http(roster.service) as http:
        own = await http.get(f"/employees/{roster.in_dinkes}", headers=operator)
        other = await http.get(f"/employees/{roster.in_bkpsdm}", headers=operator)

    assert own.status_code == 200
    assert own.json()["agency_code"] == DINKES
    assert other.status_code == 404  # outside the scope looks like absent


async def test_the_same_scope_holds_over_grpc(roster: Roster) -> None:
    operator = [("authorization", f"Bearer {await user_token('operator.dinkes')}")]
    server = GrpcServer(
        host="127.0.0.1",
        port=0,
        services=roster.service.grpc_services,
        verifier=roster.service.verifier,
    )
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = pb_grpc.EvaluationServiceStub(channel)
            own = await stub.GetEmployeeProfile(
                pb.GetEmployeeProfileRequest(nip=roster.in_dinkes), metadata=operator
            )
            with pytest.raises(grpc.aio.AioRpcError) as other:
                await stub.GetEmployeeProfile(
                    pb.GetEmployeeProfileRequest(nip=roster.in_bkpsdm), metadata=operator
                )
    finally:
        await server.stop(0)

    assert (own.nip, own.agency_code) == (roster.in_dinkes, DINKES)
    assert other.value.code() == grpc.StatusCode.NOT_FOUND


async def test_an_employee_reads_only_themself_and_a_service_reads_everyone(
    roster: Roster,
) -> None:
    employee = _bearer(await user_token("pegawai.rina"))
    machine = _bearer(await service_token())

    async with _http(roster.service) as http:
        own = await http.get(f"/employees/{RINA}", headers=employee)
        colleague = await http.get(f"/employees/{roster.in_dinkes}", headers=employee)
        by_service = [
            await http.get(f"/employees/{nip}", headers=machine)
            for nip in (roster.in_dinkes, roster.in_bkpsdm)
        ]

    assert (own.status_code, colleague.status_code) == (200, 404)
    assert [r.status_code for r in by_service] == [200, 200]


async def test_a_user_without_a_bangkom_role_is_403_insufficient_scope(
    evaluation: Evaluation,
) -> None:
    async with _http(await evaluation()) as http:
        response = await http.get("/employees", headers=_bearer(await user_token("tamu")))

    assert response.status_code == 403
    assert 'error="insufficient_scope"' in response.headers["www-authenticate"]


async def _refusal(service: Service, token: str) -> tuple[str, dict[str, Any]]:
    """The error_description of the 401 the service answers ``token`` with, and the body."""
    async with _http(service) as http:
        response = await http.get("/employees", headers=_bearer(token))
    assert response.status_code == 401, response.text
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith(
        'Bearer realm="bangkom", error="invalid_token", error_description="'
    )
    body = response.json()
    assert body["code"] == "invalid_token"
    description = challenge.split('error_description="', 1)[1].removesuffix('"')
    assert description in body["message"]
    assert token not in response.text
    return description, body


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _with_header(token: str, **header: Any) -> str:
    """The token's claims under another header, and no signature."""
    first, claims, _ = token.split(".")
    original = json.loads(base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)))
    return f"{_b64(json.dumps({**original, **header}).encode())}.{claims}."


async def test_an_expired_token_is_refused(evaluation: Evaluation) -> None:
    service = await evaluation(auth_leeway_s=0, auth_token_cache_s=0)
    token = await user_token("operator.dinkes", client="bangkom-cli-short")  # valid 2 s
    expires = jwt.decode(token, options={"verify_signature": False})["exp"]

    await asyncio.sleep(max(0.0, expires - time.time()) + 1.1)

    assert (await _refusal(service, token))[0].startswith("the token expired at")


async def test_a_token_for_another_audience_is_refused(evaluation: Evaluation) -> None:
    token = await user_token("operator.dinkes", client="other-app")

    description, _ = await _refusal(await evaluation(), token)

    assert description == "the token is for 'other-api', not for 'bangkom'"


async def test_a_token_of_an_issuer_not_trusted_is_refused(evaluation: Evaluation) -> None:
    trusting_another = await evaluation(
        auth_issuer="https://sso.example.go.id/realms/bangkom",
        auth_discovery=False,
        auth_jwks_url=jwks_url(),
    )

    description, _ = await _refusal(trusting_another, await user_token("operator.dinkes"))

    assert description == (
        f"the token was issued by '{issuer()}', not by 'https://sso.example.go.id/realms/bangkom'"
    )


async def test_a_token_from_another_realm_of_the_same_server_is_refused(
    evaluation: Evaluation,
) -> None:
    token = await user_token("operator.dinkes", realm=OTHER_REALM)

    description, _ = await _refusal(await evaluation(), token)

    assert description == f"the token was issued by '{issuer(OTHER_REALM)}', not by '{issuer()}'"


async def test_alg_none_is_refused(evaluation: Evaluation) -> None:
    forged = _with_header(await user_token("operator.dinkes"), alg="none")

    description, _ = await _refusal(await evaluation(), forged)

    assert description == "tokens signed with 'none' are not accepted"


async def test_hs256_signed_with_the_realms_public_key_is_refused(evaluation: Evaluation) -> None:
    public = jwt.PyJWK(await signing_jwk()).key
    pem = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    unsigned = _with_header(await user_token("operator.dinkes"), alg="HS256").rstrip(".")
    mac = hmac.new(pem, unsigned.encode(), hashlib.sha256).digest()

    description, _ = await _refusal(await evaluation(), f"{unsigned}.{_b64(mac)}")

    assert description == "tokens signed with 'HS256' are not accepted"


async def test_after_a_key_rotation_new_tokens_work_and_the_withdrawn_keys_do_not(
    evaluation: Evaluation,
) -> None:
    # in the second realm, so that the bangkom realm keeps its keys for the other tests
    service = await evaluation(auth_issuer=issuer(OTHER_REALM), auth_jwks_refetch_interval_s=0)
    before = await user_token("operator.dinkes", realm=OTHER_REALM)
    async with _http(service) as http:
        assert (await http.get("/employees", headers=_bearer(before))).status_code == 200

    await rotate_signing_key(OTHER_REALM)
    after = await user_token("operator.dinkes", realm=OTHER_REALM)
    async with _http(service) as http:
        served = await http.get("/employees", headers=_bearer(after))

    assert served.status_code == 200  # the unknown kid fetched the keys once more
    old_kid = jwt.get_unverified_header(before)["kid"]
    description, _ = await _refusal(service, before)
    assert description == f"the issuer does not sign with a key '{old_kid}'"
