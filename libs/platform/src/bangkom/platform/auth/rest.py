"""FastAPI dependency: every route takes the caller from the bearer token.

Roles are checked where the work is done, in the handlers, so REST and gRPC share
one check; a refusal there is an AccessDenied (403). Here only the token is judged:
missing or refused, the answer is a 401 (a token without any of bangkom's roles, a 403)
with the RFC 6750 challenge and an ErrorPublic whose code is the challenge's error.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPBearer

from bangkom.platform.auth.caller import Caller
from bangkom.platform.auth.challenge import INSUFFICIENT_SCOPE, INVALID_TOKEN, challenge
from bangkom.platform.auth.tokens import (
    InsufficientRole,
    InvalidToken,
    KeysUnavailable,
    TokenVerifier,
)


class BearerRefused(HTTPException):
    """An HTTP error about the bearer token; ``code`` is the ErrorPublic's code."""

    def __init__(self, status_code: int, code: str, reason: str, challenge_header: str) -> None:
        super().__init__(status_code, reason, headers={"WWW-Authenticate": challenge_header})
        self.code = code


class _BearerCaller(HTTPBearer):
    """The bearer scheme and the caller its token carries, as one dependency.

    Being the scheme itself (not a dependency on it), it is documented in OpenAPI as
    HTTPBearer and solved once per request: a sub-dependency costs FastAPI about as
    much as verifying a known token (issue 19).
    """

    def __init__(self, *, required: bool) -> None:
        super().__init__(
            auto_error=False, scheme_name="HTTPBearer", description="OAuth2 bearer JWT"
        )
        self._required = required

    async def __call__(self, request: Request) -> Caller | None:  # type: ignore[override]
        credentials = await super().__call__(request)
        if credentials is not None:
            return await _verified(request, credentials.credentials)
        if self._required:
            raise BearerRefused(
                status.HTTP_401_UNAUTHORIZED, "unauthorized", "missing bearer token", challenge()
            )
        return None


async def _verified(request: Request, token: str) -> Caller:
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        return await verifier.verify(token)
    except InvalidToken as exc:
        raise BearerRefused(
            status.HTTP_401_UNAUTHORIZED,
            INVALID_TOKEN,
            f"invalid bearer token: {exc}",
            challenge(INVALID_TOKEN, str(exc)),
        ) from exc
    except InsufficientRole as exc:
        raise BearerRefused(
            status.HTTP_403_FORBIDDEN,
            INSUFFICIENT_SCOPE,
            str(exc),
            challenge(INSUFFICIENT_SCOPE, str(exc)),
        ) from exc
    except KeysUnavailable as exc:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "the identity provider's keys cannot be fetched; try again shortly",
            headers={"Retry-After": "5"},
        ) from exc


CallerDep = Annotated[Caller, Depends(_BearerCaller(required=True))]
# The caller when a token is sent (judged as CallerDep judges it), else None: for what
# the public may read too.
OptionalCallerDep = Annotated[Caller | None, Depends(_BearerCaller(required=False))]
# A route's ``openapi_extra`` that documents its token as optional ({} = no security);
# FastAPI appends it to the bearer requirement the dependency declares.
OPTIONAL_TOKEN: dict[str, object] = {"security": [{}]}
