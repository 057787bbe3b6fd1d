"""The keys tokens are verified with, and the algorithm each key is pinned to.

A remote key set is the identity provider's JWKS (from its OpenID Connect discovery
document, or a configured URL), fetched without blocking the event loop, kept for
``max_age_s`` and fetched again at once when a token names a key id it does not hold
(a key rotation), at most every ``refetch_interval_s`` so that tokens with made-up key
ids cannot make us hammer the provider. A static key set is one PEM public key (a
configured file, or the development key).

Only asymmetric signing keys count: a JWK for encryption (``use: enc``), a symmetric
(``oct``) key, or one for ``none`` or an HMAC algorithm is never a verification key, so
a token signed with HS256 (say, with the provider's public key as the secret) or with
``alg: none`` finds no key.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from bangkom.platform.observability.logs import get_logger

log = get_logger(__name__)

# What a token may be signed with: public-key algorithms only.
ASYMMETRIC_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
HTTP_TIMEOUT_S = 5.0
MAX_RESPONSE_BYTES = 1_000_000


class UnknownKey(Exception):
    """The token names a key (or an algorithm) the issuer does not sign with."""


class KeysUnavailable(Exception):
    """The issuer's keys cannot be fetched: the token can be neither accepted nor refused."""


@dataclass(frozen=True)
class VerificationKey:
    kid: str | None
    algorithm: str
    key: Any


class KeySet(Protocol):
    async def key_for(self, kid: str | None, algorithm: str) -> VerificationKey:
        """The key a token with this header was signed with, or UnknownKey."""
        ...

    @property
    def generation(self) -> int:
        """Changes whenever the set of keys changes (a key added or withdrawn)."""
        ...


def _pinned(key: VerificationKey, algorithm: str) -> VerificationKey:
    if algorithm != key.algorithm:
        raise UnknownKey(
            f"the key {key.kid or '(without id)'} signs with {key.algorithm}, not {algorithm}"
        )
    return key


class StaticKeySet:
    """One PEM public key; its algorithm follows from its type (RSA: RS256)."""

    generation = 0

    def __init__(self, pem: bytes) -> None:
        public = load_pem_public_key(pem)
        self._key = VerificationKey(kid=None, algorithm=algorithm_of(public), key=public)

    async def key_for(self, kid: str | None, algorithm: str) -> VerificationKey:
        return _pinned(self._key, algorithm)


def algorithm_of(public: Any) -> str:
    if isinstance(public, rsa.RSAPublicKey):
        return "RS256"
    if isinstance(public, ec.EllipticCurvePublicKey):
        by_curve = {"secp256r1": "ES256", "secp384r1": "ES384", "secp521r1": "ES512"}
        if public.curve.name in by_curve:
            return by_curve[public.curve.name]
    if isinstance(public, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
        return "EdDSA"
    raise ValueError(f"not a public key tokens can be verified with: {type(public).__name__}")


def signing_keys(jwks: Mapping[str, Any]) -> dict[str | None, VerificationKey]:
    """The verification keys of a JWKS document, by key id; every other key is left out."""
    found: dict[str | None, VerificationKey] = {}
    entries = jwks.get("keys")
    if not isinstance(entries, list):
        raise ValueError("a JWKS document has a 'keys' list")
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("use", "sig") != "sig":
            continue
        if "key_ops" in entry and "verify" not in entry["key_ops"]:
            continue
        try:
            jwk = jwt.PyJWK(entry)
        except jwt.PyJWTError as exc:
            log.warning("JWKS key ignored", kid=entry.get("kid"), reason=str(exc))
            continue
        if jwk.algorithm_name not in ASYMMETRIC_ALGORITHMS:
            continue
        kid = entry.get("kid")
        found[str(kid) if kid is not None else None] = VerificationKey(
            kid=str(kid) if kid is not None else None,
            algorithm=jwk.algorithm_name,
            key=jwk.key,
        )
    return found


class RemoteKeySet:
    """The identity provider's JWKS, fetched over HTTP(S) and cached."""

    def __init__(
        self,
        *,
        jwks_url: str | None = None,
        issuer: str | None = None,
        max_age_s: float = 300.0,
        refetch_interval_s: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """Give ``jwks_url``, or ``issuer`` to read the URL from the issuer's OpenID
        Connect discovery document (whose ``issuer`` must be exactly that issuer)."""
        if jwks_url is None and issuer is None:
            raise ValueError("a remote key set needs a JWKS URL or an issuer to discover")
        self._jwks_url = jwks_url
        self._issuer = issuer
        self._max_age_s = max_age_s
        self._refetch_interval_s = refetch_interval_s
        self._transport = transport
        self._keys: dict[str | None, VerificationKey] = {}
        self._fetched_at: float | None = None  # monotonic time of the last good fetch
        self._attempted_at = -float("inf")  # monotonic time of the last attempt
        self._lock = asyncio.Lock()
        self._generation = 0

    @property
    def generation(self) -> int:
        return self._generation

    async def key_for(self, kid: str | None, algorithm: str) -> VerificationKey:
        now = time.monotonic()
        if self._fetched_at is None:
            if now - self._attempted_at < self._refetch_interval_s:
                raise KeysUnavailable("the identity provider's keys could not be fetched")
            await self._refresh(required=True)
        elif now - self._fetched_at > self._max_age_s:
            await self._refresh(required=False)
        key = self._lookup(kid)
        if key is None and time.monotonic() - self._attempted_at >= self._refetch_interval_s:
            # A key we do not hold: the provider may have rotated its keys. Fetch once.
            await self._refresh(required=True)
            key = self._lookup(kid)
        if key is None:
            raise UnknownKey(
                "the token names no key id and the issuer has several keys"
                if kid is None and len(self._keys) > 1
                else f"the issuer does not sign with a key {kid!r}"
            )
        return _pinned(key, algorithm)

    def _lookup(self, kid: str | None) -> VerificationKey | None:
        if kid is None and len(self._keys) == 1:
            return next(iter(self._keys.values()))
        return self._keys.get(kid)

    async def _refresh(self, *, required: bool) -> None:
        """Fetch the keys; concurrent callers wait for one fetch. When ``required`` is
        false a failure keeps the keys held (they are only old); else it is raised."""
        seen = self._attempted_at
        async with self._lock:
            if self._attempted_at != seen:
                # another caller fetched while we waited for the lock
                if self._fetched_at is None and required:
                    raise KeysUnavailable("the identity provider's keys cannot be fetched")
                return
            self._attempted_at = time.monotonic()
            try:
                keys = signing_keys(await self._fetch_jwks())
            except (httpx.HTTPError, ValueError) as exc:
                log.warning("JWKS fetch failed", url=self._jwks_url, error=repr(exc))
                if required or self._fetched_at is None:
                    raise KeysUnavailable(
                        f"the identity provider's keys cannot be fetched: {exc}"
                    ) from exc
                return
            if not keys:
                log.warning("JWKS holds no signing key", url=self._jwks_url)
            if keys.keys() != self._keys.keys():
                self._generation += 1
                log.info("JWKS keys changed", kids=sorted(str(k) for k in keys))
            self._keys = keys
            self._fetched_at = time.monotonic()

    async def _fetch_jwks(self) -> Mapping[str, Any]:
        async with httpx.AsyncClient(
            timeout=HTTP_TIMEOUT_S, transport=self._transport, follow_redirects=False
        ) as client:
            if self._jwks_url is None:
                assert self._issuer is not None
                self._jwks_url = await self._discover(client, self._issuer)
            try:
                return await _get_json(client, self._jwks_url)
            except (httpx.HTTPError, ValueError):
                if self._issuer is not None:
                    self._jwks_url = None  # discover again next time: the URL may have moved
                raise

    @staticmethod
    async def _discover(client: httpx.AsyncClient, issuer: str) -> str:
        url = f"{issuer.rstrip('/')}/.well-known/openid-configuration"
        document = await _get_json(client, url)
        if document.get("issuer") != issuer:
            raise ValueError(
                f"the discovery document at {url} names issuer {document.get('issuer')!r}, "
                f"not {issuer!r}"
            )
        jwks_uri = document.get("jwks_uri")
        if not isinstance(jwks_uri, str) or not jwks_uri:
            raise ValueError(f"the discovery document at {url} has no jwks_uri")
        return jwks_uri


async def _get_json(client: httpx.AsyncClient, url: str) -> dict[str, Any]:
    response = await client.get(url, headers={"Accept": "application/json"})
    response.raise_for_status()
    if len(response.content) > MAX_RESPONSE_BYTES:
        raise ValueError(f"{url} answered with more than {MAX_RESPONSE_BYTES} bytes")
    body = response.json()
    if not isinstance(body, dict):
        raise ValueError(f"{url} did not answer with a JSON object")
    return body
