"""Verify bearer tokens into a Caller; mint tokens with the development key."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from typing import Any

import jwt
from jwt import PyJWKClient

from bangkom.platform.auth.caller import Caller, Role
from bangkom.platform.auth.keys import load_or_create_dev_key, public_pem
from bangkom.platform.settings import ServiceSettings

ALGORITHMS = ["RS256", "ES256"]
VERIFIED_TOKENS_KEPT = 10_000


class InvalidToken(Exception):
    """The token is missing, malformed, expired, or not signed by a trusted key."""


class TokenVerifier:
    def __init__(self, settings: ServiceSettings) -> None:
        self._issuer = settings.auth_issuer
        self._audience = settings.auth_audience
        self._jwks: PyJWKClient | None = None
        self._public_key: bytes | None = None
        self._verified: OrderedDict[str, tuple[Caller, float]] = OrderedDict()
        if settings.auth_jwks_url:
            self._jwks = PyJWKClient(settings.auth_jwks_url, cache_keys=True)
        elif settings.auth_public_key_file:
            self._public_key = settings.auth_public_key_file.read_bytes()
        else:
            self._public_key = public_pem(load_or_create_dev_key(settings.auth_dev_key_file))

    async def verify(self, token: str) -> Caller:
        """The caller a token stands for; a token seen before is not verified again
        until it expires (RS256 verification costs more than the rest of a request)."""
        now = time.time()
        known = self._verified.get(token)
        if known is not None and known[1] > now:
            self._verified.move_to_end(token)
            return known[0]
        caller, expires = await self._verify(token)
        self._verified[token] = (caller, expires)
        if len(self._verified) > VERIFIED_TOKENS_KEPT:
            self._verified.popitem(last=False)
        return caller

    async def _verify(self, token: str) -> tuple[Caller, float]:
        key: Any = self._public_key
        try:
            if self._jwks is not None:
                # PyJWKClient fetches over blocking HTTP (cached after the first call).
                signing_key = await asyncio.to_thread(self._jwks.get_signing_key_from_jwt, token)
                key = signing_key.key
            claims = jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                audience=self._audience,
                issuer=self._issuer,
                options={"require": ["exp", "sub", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        return caller_from_claims(claims), float(claims["exp"])


def caller_from_claims(claims: dict[str, Any]) -> Caller:
    try:
        roles = frozenset(Role(r) for r in claims.get("roles", []))
    except ValueError as exc:
        raise InvalidToken(f"unknown role in token: {exc}") from exc
    if not roles:
        raise InvalidToken("token carries no role")
    nip = claims.get("nip")
    if Role.EMPLOYEE in roles and not nip:
        raise InvalidToken("an employee token must carry the employee's nip")
    return Caller(
        subject=str(claims["sub"]),
        roles=roles,
        agencies=frozenset(str(a) for a in claims.get("agencies", [])),
        nip=str(nip) if nip else None,
    )


def mint_dev_token(
    settings: ServiceSettings,
    *,
    subject: str,
    roles: list[Role],
    agencies: list[str] | None = None,
    nip: str | None = None,
    ttl_s: int = 8 * 3600,
) -> str:
    """A token signed with the development key; only for local use and tests."""
    if settings.environment == "production":
        raise RuntimeError("development tokens are refused in production")
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": subject,
        "iss": settings.auth_issuer,
        "aud": settings.auth_audience,
        "iat": now,
        "exp": now + ttl_s,
        "roles": [str(r) for r in roles],
        "agencies": agencies or [],
    }
    if nip:
        claims["nip"] = nip
    key = load_or_create_dev_key(settings.auth_dev_key_file)
    return jwt.encode(claims, key, algorithm="RS256")
