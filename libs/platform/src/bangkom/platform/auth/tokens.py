"""Verify bearer tokens into a Caller; mint tokens with the development key.

A token is accepted when, in this order: it is a JWT signed with a public-key algorithm
(never ``none``, never HMAC), its issuer is the configured one, the issuer signs with
the key it names (``kid``) and that key with that algorithm (see auth.jwks), the
signature verifies, it is for our audience, it has not expired and is already valid
(``auth_leeway_s`` of clock skew either way), it is an access token (``typ`` Bearer
where given), and its claims make a caller (see auth.claims). Each refusal says which
of these failed, in words safe to show: never the token itself.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import jwt

from bangkom.platform.auth.caller import Caller, Role
from bangkom.platform.auth.claims import ClaimsRefused, NoRole, caller_from_claims
from bangkom.platform.auth.jwks import (
    ASYMMETRIC_ALGORITHMS,
    KeySet,
    KeysUnavailable,
    RemoteKeySet,
    StaticKeySet,
    UnknownKey,
)
from bangkom.platform.auth.keys import load_or_create_dev_key, public_pem
from bangkom.platform.settings import ServiceSettings

__all__ = [
    "InsufficientRole",
    "InvalidToken",
    "KeysUnavailable",
    "TokenVerifier",
    "key_set_of",
    "mint_dev_token",
]

VERIFIED_TOKENS_KEPT = 10_000
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub"]
_SHOWN = 80  # characters of a value from the token that a refusal repeats


class InvalidToken(Exception):
    """The token is malformed, expired, not for us, or not signed by a trusted key
    (RFC 6750 ``invalid_token``: 401). The message says which, and is safe to show."""


class InsufficientRole(Exception):
    """A sound token of someone with none of bangkom's roles (``insufficient_scope``: 403)."""


def key_set_of(settings: ServiceSettings) -> KeySet:
    """The keys the settings name: a JWKS URL, the issuer's discovery document, a PEM
    file, or (development only; production refuses it) the development key."""
    if settings.auth_jwks_url:
        return RemoteKeySet(
            jwks_url=settings.auth_jwks_url,
            max_age_s=settings.auth_jwks_max_age_s,
            refetch_interval_s=settings.auth_jwks_refetch_interval_s,
        )
    if settings.auth_discovery:
        return RemoteKeySet(
            issuer=settings.auth_issuer,
            max_age_s=settings.auth_jwks_max_age_s,
            refetch_interval_s=settings.auth_jwks_refetch_interval_s,
        )
    if settings.auth_public_key_file:
        return StaticKeySet(settings.auth_public_key_file.read_bytes())
    return StaticKeySet(public_pem(load_or_create_dev_key(settings.auth_dev_key_file)))


class TokenVerifier:
    def __init__(
        self,
        settings: ServiceSettings,
        *,
        keys: KeySet | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._issuer = settings.auth_issuer
        self._audience = settings.auth_audience
        self._roles_client = settings.auth_roles_client or settings.auth_audience
        self._leeway_s = settings.auth_leeway_s
        self._cache_s = settings.auth_token_cache_s
        self._keys = keys if keys is not None else key_set_of(settings)
        self._clock = clock
        # token -> (caller, kept until, key generation it was verified under)
        self._verified: OrderedDict[str, tuple[Caller, float, int]] = OrderedDict()

    async def verify(self, token: str) -> Caller:
        """The caller a token stands for. A token verified a moment ago is not verified
        again for ``auth_token_cache_s`` (never past its expiry, and not once the
        issuer's keys changed): RS256 costs more than the rest of a small request."""
        now = self._clock()
        known = self._verified.get(token)
        if known is not None:
            caller, until, generation = known
            if until > now and generation == self._keys.generation:
                self._verified.move_to_end(token)
                return caller
            del self._verified[token]
        caller, expires = await self._verify(token)
        if self._cache_s > 0:
            until = min(now + self._cache_s, expires)
            self._verified[token] = (caller, until, self._keys.generation)
            if len(self._verified) > VERIFIED_TOKENS_KEPT:
                self._verified.popitem(last=False)
        return caller

    async def _verify(self, token: str) -> tuple[Caller, float]:
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as exc:
            raise InvalidToken("the token is not a well-formed JWT") from exc
        algorithm, kid = header.get("alg"), header.get("kid")
        if algorithm not in ASYMMETRIC_ALGORITHMS:
            raise InvalidToken(f"tokens signed with {_shown(algorithm)} are not accepted")
        if kid is not None and not isinstance(kid, str):
            raise InvalidToken("the token's key id (kid) is not a string")
        issuer = unverified.get("iss")
        if issuer != self._issuer:
            # before any key is looked up: a stranger's tokens cost us no JWKS fetch
            raise InvalidToken(f"the token was issued by {_shown(issuer)}, not by {self._issuer!r}")
        try:
            key = await self._keys.key_for(kid, str(algorithm))
        except UnknownKey as exc:
            raise InvalidToken(str(exc)) from exc
        claims = self._decode(token, key.key, key.algorithm, unverified)
        kind = claims.get("typ")
        if kind is not None and str(kind).lower() != "bearer":
            raise InvalidToken(f"not an access token (typ {_shown(kind)})")
        try:
            caller = caller_from_claims(claims, roles_client=self._roles_client)
        except NoRole as exc:
            raise InsufficientRole(str(exc)) from exc
        except ClaimsRefused as exc:
            raise InvalidToken(str(exc)) from exc
        return caller, float(claims["exp"])

    def _decode(
        self, token: str, key: Any, algorithm: str, unverified: dict[str, Any]
    ) -> dict[str, Any]:
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway_s,
                options={"require": REQUIRED_CLAIMS},
            )
        except jwt.InvalidSignatureError as exc:
            raise InvalidToken("the signature does not verify") from exc
        except jwt.ExpiredSignatureError as exc:
            raise InvalidToken(f"the token expired {_at(unverified.get('exp'))}") from exc
        except jwt.ImmatureSignatureError as exc:
            raise InvalidToken("the token is not valid yet (iat or nbf in the future)") from exc
        except jwt.MissingRequiredClaimError as exc:
            raise InvalidToken(f"the token has no {exc.claim!r} claim") from exc
        except jwt.InvalidAudienceError as exc:
            raise InvalidToken(
                f"the token is for {_shown(unverified.get('aud'))}, not for {self._audience!r}"
            ) from exc
        except jwt.PyJWTError as exc:
            raise InvalidToken(f"the token is invalid ({type(exc).__name__})") from exc
        return claims


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else f"{text[:_SHOWN]}..."


def _at(exp: Any) -> str:
    try:
        return "at " + datetime.fromtimestamp(float(exp), UTC).isoformat(timespec="seconds")
    except (TypeError, ValueError, OverflowError):
        return "already"


def mint_dev_token(
    settings: ServiceSettings,
    *,
    subject: str,
    roles: list[Role],
    agencies: list[str] | None = None,
    nip: str | None = None,
    ttl_s: int = 8 * 3600,
) -> str:
    """A token signed with the development key, with the claims Keycloak's tokens carry
    (auth.claims); only for local use and tests."""
    if settings.environment == "production":
        raise RuntimeError("development tokens are refused in production")
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": subject,
        "iss": settings.auth_issuer,
        "aud": settings.auth_audience,
        "iat": now,
        "exp": now + ttl_s,
        "typ": "Bearer",
        "realm_access": {"roles": [str(r) for r in roles]},
        "agency": agencies or [],
    }
    if nip:
        claims["nip"] = nip
    key = load_or_create_dev_key(settings.auth_dev_key_file)
    return jwt.encode(claims, key, algorithm="RS256")
