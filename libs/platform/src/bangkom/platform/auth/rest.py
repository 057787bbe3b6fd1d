"""FastAPI dependency: every route takes the caller from the bearer token."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from bangkom.platform.auth.caller import Caller, Role
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


def require_roles(*roles: Role):  # type: ignore[no-untyped-def]
    """Dependency that refuses callers without one of ``roles`` (403)."""

    async def _check(caller: CallerDep) -> Caller:
        if not caller.has_any(*roles):
            allowed = ", ".join(sorted(str(r) for r in roles))
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"requires one of the roles: {allowed}")
        return caller

    return Depends(_check)
