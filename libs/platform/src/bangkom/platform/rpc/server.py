"""A grpc.aio server with health and reflection on, and every call authenticated;
over TLS when the settings name a certificate and its key (bearer tokens are secrets:
in plaintext they cross the network readable)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_health.v1.health import aio as health_aio
from grpc_reflection.v1alpha import reflection

from bangkom.platform.auth.rpc import AuthInterceptor
from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.observability.metrics import GRPC_REQUESTS


@dataclass(frozen=True)
class GrpcService:
    """One servicer, the generated ``add_..._to_server`` function and its full name."""

    name: str
    servicer: Any
    register: Callable[[Any, grpc.aio.Server], None]


@dataclass(frozen=True)
class TlsIdentity:
    """The server's certificate chain (PEM, its own certificate first) and private key."""

    certificate_chain: bytes
    private_key: bytes

    @classmethod
    def from_files(cls, certificate_file: Path, key_file: Path) -> TlsIdentity:
        return cls(certificate_file.read_bytes(), key_file.read_bytes())


class MetricsInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[misc]
    async def intercept_service(
        self,
        continuation: Callable[[Any], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None or handler.unary_unary is None:
            return handler
        inner = handler.unary_unary
        method = handler_call_details.method

        async def counted(request: Any, context: grpc.aio.ServicerContext) -> Any:
            try:
                response = await inner(request, context)
            except BaseException:
                code = context.code() or grpc.StatusCode.UNKNOWN
                GRPC_REQUESTS.labels(method, code.name).inc()
                raise
            code = context.code() or grpc.StatusCode.OK
            GRPC_REQUESTS.labels(method, code.name).inc()
            return response

        return grpc.unary_unary_rpc_method_handler(
            counted,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )


class GrpcServer:
    def __init__(
        self,
        *,
        host: str,
        port: int,
        services: Sequence[GrpcService],
        verifier: TokenVerifier,
        tls: TlsIdentity | None = None,
    ) -> None:
        self.address = f"{host}:{port}"
        self.secure = tls is not None
        self._services = services
        self._health = health_aio.HealthServicer()
        self.server = grpc.aio.server(
            interceptors=[MetricsInterceptor(), AuthInterceptor(verifier)]
        )
        for service in services:
            service.register(service.servicer, self.server)
        health_pb2_grpc.add_HealthServicer_to_server(self._health, self.server)
        names = [s.name for s in services]
        names += [
            health_pb2.DESCRIPTOR.services_by_name["Health"].full_name,
            reflection.SERVICE_NAME,
        ]
        reflection.enable_server_reflection(names, self.server)
        if tls is None:
            self.port = self.server.add_insecure_port(self.address)
        else:
            credentials = grpc.ssl_server_credentials([(tls.private_key, tls.certificate_chain)])
            self.port = self.server.add_secure_port(self.address, credentials)

    async def start(self) -> None:
        await self.server.start()

    async def set_serving(self, serving: bool) -> None:
        status = (
            health_pb2.HealthCheckResponse.SERVING
            if serving
            else health_pb2.HealthCheckResponse.NOT_SERVING
        )
        await self._health.set("", status)
        for service in self._services:
            await self._health.set(service.name, status)

    async def stop(self, grace_s: float = 5.0) -> None:
        await self.server.stop(grace_s)
