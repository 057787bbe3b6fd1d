"""gRPC interceptor: the same bearer tokens and the same verifier as REST, the caller
put into a context variable. A missing or refused token ends the call UNAUTHENTICATED
(a token without any of bangkom's roles PERMISSION_DENIED) with the reason in the
details and the RFC 6750 challenge in the trailing metadata (``www-authenticate``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

import grpc

from bangkom.platform.auth.caller import Caller
from bangkom.platform.auth.challenge import INSUFFICIENT_SCOPE, INVALID_TOKEN, challenge
from bangkom.platform.auth.tokens import (
    InsufficientRole,
    InvalidToken,
    KeysUnavailable,
    TokenVerifier,
)

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
                await context.abort(
                    grpc.StatusCode.UNAUTHENTICATED,
                    "missing bearer token",
                    trailing_metadata=(("www-authenticate", challenge()),),
                )
            try:
                caller = await verifier.verify(header[7:].strip())
            except InvalidToken as exc:
                await context.abort(
                    grpc.StatusCode.UNAUTHENTICATED,
                    f"invalid bearer token: {exc}",
                    trailing_metadata=(("www-authenticate", challenge(INVALID_TOKEN, str(exc))),),
                )
            except InsufficientRole as exc:
                await context.abort(
                    grpc.StatusCode.PERMISSION_DENIED,
                    str(exc),
                    trailing_metadata=(
                        ("www-authenticate", challenge(INSUFFICIENT_SCOPE, str(exc))),
                    ),
                )
            except KeysUnavailable:
                await context.abort(
                    grpc.StatusCode.UNAVAILABLE,
                    "the identity provider's keys cannot be fetched; try again shortly",
                )
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
