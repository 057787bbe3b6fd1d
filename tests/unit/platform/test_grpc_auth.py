"""gRPC with the same verifier as REST, over TLS with a certificate made here: a sound
token is let through, a missing or refused one ends the call UNAUTHENTICATED with the
RFC 6750 challenge in the trailing metadata, and plaintext does not reach a TLS port."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import grpc
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from bangkom.evaluation.bootstrap import bootstrap
from bangkom.evaluation.config import EvaluationSettings
from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.rpc.server import GrpcServer
from bangkom.platform.runtime import grpc_tls
from bangkom.platform.service import Service
from bangkom.proto.evaluation.v1 import evaluation_pb2 as pb
from bangkom.proto.evaluation.v1 import evaluation_pb2_grpc as pb_grpc
from tests import factories


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bangkom test")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=1))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "grpc.crt", directory / "grpc.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    cert_file, key_file = self_signed_certificate(tmp_path)
    settings = EvaluationSettings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'evaluation.db'}",
        auth_dev_key_file=tmp_path / "dev.pem",
        grpc_tls_cert_file=cert_file,
        grpc_tls_key_file=key_file,
    )
    service = bootstrap(settings)
    await service.prepare()
    yield service
    await service.database.dispose()


@pytest.fixture
async def server(service: Service) -> AsyncIterator[GrpcServer]:
    server = GrpcServer(
        host="127.0.0.1",
        port=0,
        services=service.grpc_services,
        verifier=service.verifier,
        tls=grpc_tls(service.settings),
    )
    await server.start()
    yield server
    await server.stop(0)


def _channel(service: Service, server: GrpcServer) -> grpc.aio.Channel:
    assert service.settings.grpc_tls_cert_file is not None
    trusted = grpc.ssl_channel_credentials(service.settings.grpc_tls_cert_file.read_bytes())
    return grpc.aio.secure_channel(f"127.0.0.1:{server.port}", trusted)


def _bearer(token: str) -> list[tuple[str, str]]:
    return [("authorization", f"Bearer {token}")]


async def test_a_sound_token_passes_over_tls(service: Service, server: GrpcServer) -> None:
    token = mint_dev_token(service.settings, subject="admin", roles=[Role.PROVINCE_ADMIN])

    async with _channel(service, server) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as absent:
            await pb_grpc.EvaluationServiceStub(channel).GetEmployeeProfile(
                pb.GetEmployeeProfileRequest(nip=factories.nip()), metadata=_bearer(token)
            )

    assert server.secure
    assert absent.value.code() == grpc.StatusCode.NOT_FOUND  # past the token check


async def test_a_refused_token_is_unauthenticated_with_the_challenge(
    service: Service, server: GrpcServer
) -> None:
    expired = mint_dev_token(
        service.settings, subject="admin", roles=[Role.PROVINCE_ADMIN], ttl_s=-120
    )
    request = pb.GetEmployeeProfileRequest(nip=factories.nip())

    async with _channel(service, server) as channel:
        stub = pb_grpc.EvaluationServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.GetEmployeeProfile(request, metadata=_bearer(expired))
        with pytest.raises(grpc.aio.AioRpcError) as missing:
            await stub.GetEmployeeProfile(request)

    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert "the token expired at" in str(refused.value.details())
    challenge = dict(refused.value.trailing_metadata() or ())["www-authenticate"]
    assert challenge.startswith('Bearer realm="bangkom", error="invalid_token", error_descr')
    assert missing.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert dict(missing.value.trailing_metadata() or ())["www-authenticate"] == (
        'Bearer realm="bangkom"'
    )


async def test_plaintext_does_not_reach_a_tls_port(service: Service, server: GrpcServer) -> None:
    token = mint_dev_token(service.settings, subject="admin", roles=[Role.PROVINCE_ADMIN])

    async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        with pytest.raises(grpc.aio.AioRpcError) as failed:
            await pb_grpc.EvaluationServiceStub(channel).GetEmployeeProfile(
                pb.GetEmployeeProfileRequest(nip=factories.nip()),
                metadata=_bearer(token),
                timeout=5,
            )

    assert failed.value.code() == grpc.StatusCode.UNAVAILABLE
