"""FastAPI dependency: every route takes the caller from the bearer token.

Roles are checked where the work is done, in the handlers, so REST and gRPC share
one check; a refusal there is an AccessDenied (403).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from bangkom.platform.auth.caller import Caller
from bangkom.platform.auth.tokens import InvalidToken, TokenVerifier

_bearer = HTTPBearer(auto_error=False, description="OAuth2 bearer JWT")


async def current_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    if credentials is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing bearer token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        return await verifier.verify(credentials.credentials)
    except InvalidToken as exc:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            f"invalid bearer token: {exc}",
            headers={"WWW-Authenticate": "Bearer"},
        ) from exc


CallerDep = Annotated[Caller, Depends(current_caller)]
