"""An identity provider in memory: signing keys made in the test, its discovery document
and JWKS served through an httpx transport (counting the fetches), tokens shaped like
Keycloak's."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

ISSUER = "https://sso.test/realms/bangkom"
AUDIENCE = "bangkom"
JWKS_URL = f"{ISSUER}/protocol/openid-connect/certs"
DISCOVERY_URL = f"{ISSUER}/.well-known/openid-configuration"

_RSA_KEYS: list[rsa.RSAPrivateKey] = []


def rsa_key(index: int) -> rsa.RSAPrivateKey:
    """The index-th RSA key of the test run (2048-bit keys are slow to make: kept)."""
    while len(_RSA_KEYS) <= index:
        _RSA_KEYS.append(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    return _RSA_KEYS[index]


@dataclass
class SigningKey:
    kid: str
    algorithm: str
    private: Any

    def jwk(self) -> dict[str, Any]:
        public = self.private.public_key()
        codec = RSAAlgorithm if isinstance(public, rsa.RSAPublicKey) else ECAlgorithm
        return {**codec.to_jwk(public, as_dict=True), "kid": self.kid, "alg": self.algorithm,
                "use": "sig"}  # fmt: skip

    def public_pem(self) -> bytes:
        return bytes(
            self.private.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )


@dataclass
class FakeIdentityProvider:
    keys: list[SigningKey]
    issuer: str = ISSUER
    # more JWKS entries the provider publishes (an encryption key, a symmetric key, ...)
    extra_jwks: list[dict[str, Any]] = field(default_factory=list)
    jwks_fetches: int = 0
    discovery_fetches: int = 0
    down: bool = False

    @classmethod
    def with_rsa(cls, count: int = 1) -> FakeIdentityProvider:
        return cls([SigningKey(f"rsa-{i}", "RS256", rsa_key(i)) for i in range(count)])

    @property
    def signing(self) -> SigningKey:
        return self.keys[0]

    def rotate(self, new: SigningKey, *, withdraw_old: bool) -> None:
        self.keys = [new] + ([] if withdraw_old else self.keys)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._serve)

    def _serve(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            return httpx.Response(503, text="down for maintenance")
        url = str(request.url)
        if url == DISCOVERY_URL:
            self.discovery_fetches += 1
            return httpx.Response(200, json={"issuer": self.issuer, "jwks_uri": JWKS_URL})
        if url == JWKS_URL:
            self.jwks_fetches += 1
            return httpx.Response(
                200, json={"keys": [k.jwk() for k in self.keys] + self.extra_jwks}
            )
        return httpx.Response(404)

    def claims(self, **overrides: Any) -> dict[str, Any]:
        """An operator's access token as Keycloak issues it."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": AUDIENCE,
            "sub": str(uuid.uuid4()),
            "iat": now,
            "exp": now + 300,
            "typ": "Bearer",
            "azp": "bangkom-cli",
            "realm_access": {"roles": ["agency_operator", "offline_access"]},
            "agency": ["12.73.DINKES"],
        }
        claims.update(overrides)
        return {k: v for k, v in claims.items() if v is not None}

    def token(
        self, key: SigningKey | None = None, *, headers: dict[str, Any] | None = None, **claims: Any
    ) -> str:
        key = key or self.signing
        return jwt.encode(
            self.claims(**claims),
            key.private,
            algorithm=key.algorithm,
            headers={"kid": key.kid, **(headers or {})},
        )


def unsigned(header: dict[str, Any], claims: dict[str, Any], signature: bytes = b"") -> str:
    """A JWT put together by hand, as an attacker would: any header, any signature."""
    return (
        ".".join(
            _b64(part)
            for part in (
                json.dumps(header).encode(),
                json.dumps(claims).encode(),
            )
        )
        + f".{_b64(signature)}"
    )


def hs256_with(secret: bytes, header: dict[str, Any], claims: dict[str, Any]) -> str:
    """HS256 over the token with ``secret`` as the HMAC key (PyJWT refuses to use a
    public key as one, so by hand)."""
    head = {**header, "alg": "HS256"}
    signing_input = f"{_b64(json.dumps(head).encode())}.{_b64(json.dumps(claims).encode())}"
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(mac)}"


def ec_key(kid: str = "ec-0") -> SigningKey:
    return SigningKey(kid, "ES256", ec.generate_private_key(ec.SECP256R1()))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
