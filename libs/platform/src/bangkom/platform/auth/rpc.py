"""gRPC interceptor: the same bearer tokens as REST, put into a context variable."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

import grpc

from bangkom.platform.auth.caller import Caller
from bangkom.platform.auth.tokens import InvalidToken, TokenVerifier

_caller: ContextVar[Caller | None] = ContextVar("grpc_caller", default=None)

# Health and reflection answer without a token, like the HTTP probes.
PUBLIC_SERVICES = ("/grpc.health.v1.Health/", "/grpc.reflection.")


def grpc_caller() -> Caller:
    caller = _caller.get()
    if caller is None:
        raise RuntimeError("no authenticated caller: is the AuthInterceptor installed?")
    return caller


class AuthInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[misc]
    def __init__(self, verifier: TokenVerifier) -> None:
        self._verifier = verifier

    async def intercept_service(
        self,
        continuation: Callable[[Any], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        method: str = handler_call_details.method
        if handler is None or method.startswith(PUBLIC_SERVICES):
            return handler
        if handler.unary_unary is None:
            raise NotImplementedError("only unary calls are authenticated so far")
        inner = handler.unary_unary
        verifier = self._verifier

        async def authenticated(request: Any, context: grpc.aio.ServicerContext) -> Any:
            metadata = dict(context.invocation_metadata() or ())
            header = str(metadata.get("authorization", ""))
            if not header.lower().startswith("bearer "):
                await context.abort(grpc.StatusCode.UNAUTHENTICATED, "missing bearer token")
            try:
                caller = await verifier.verify(header[7:])
            except InvalidToken as exc:
                await context.abort(grpc.StatusCode.UNAUTHENTICATED, f"invalid bearer token: {exc}")
            token = _caller.set(caller)
            try:
                return await inner(request, context)
            finally:
                _caller.reset(token)

        return grpc.unary_unary_rpc_method_handler(
            authenticated,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
