"""The real Keycloak that scripts/test.sh started (scripts/keycloak.sh, realms in
deploy/keycloak/): its issuers, tokens for its test users, and the admin API."""

from __future__ import annotations

import os
import uuid
from typing import Any

import httpx

KEYCLOAK = os.environ.get("BANGKOM_TEST_KEYCLOAK", "http://127.0.0.1:18080")
REALM, OTHER_REALM = "bangkom", "bangkom-other"
PASSWORD = "bangkom"  # every test user's, in the realm files
SERVICE_CLIENT, SERVICE_SECRET = "bangkom-services", "bangkom-services-dev-secret"
ADMIN = os.environ.get("BANGKOM_KEYCLOAK_ADMIN", "admin")
ADMIN_PASSWORD = os.environ.get("BANGKOM_KEYCLOAK_ADMIN_PASSWORD", "admin")
KEY_PROVIDER = "org.keycloak.keys.KeyProvider"


def issuer(realm: str = REALM) -> str:
    return f"{KEYCLOAK}/realms/{realm}"


def jwks_url(realm: str = REALM) -> str:
    return f"{issuer(realm)}/protocol/openid-connect/certs"


async def _token(realm: str, form: dict[str, str]) -> str:
    async with httpx.AsyncClient(timeout=10) as http:
        response = await http.post(f"{issuer(realm)}/protocol/openid-connect/token", data=form)
    assert response.status_code == 200, f"token from {realm}: {response.text}"
    return str(response.json()["access_token"])


async def user_token(username: str, *, client: str = "bangkom-cli", realm: str = REALM) -> str:
    """An access token of a test user (password grant)."""
    return await _token(
        realm,
        {
            "grant_type": "password",
            "client_id": client,
            "username": username,
            "password": PASSWORD,
            "scope": "openid",
        },
    )


async def service_token() -> str:
    """An access token of the confidential service client (client credentials)."""
    return await _token(
        REALM,
        {
            "grant_type": "client_credentials",
            "client_id": SERVICE_CLIENT,
            "client_secret": SERVICE_SECRET,
        },
    )


async def signing_jwk(realm: str = REALM) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=10) as http:
        keys = (await http.get(jwks_url(realm))).json()["keys"]
    return next(k for k in keys if k.get("use") == "sig" and k.get("alg") == "RS256")


async def rotate_signing_key(realm: str) -> None:
    """Give the realm a new RS256 key and withdraw every one before it, as an operator
    rotating keys after a leak would (admin REST API, master realm's admin)."""
    async with httpx.AsyncClient(base_url=f"{KEYCLOAK}/admin/realms/{realm}", timeout=20) as http:
        http.headers["Authorization"] = f"Bearer {await _admin_token()}"
        realm_id = (await http.get("")).raise_for_status().json()["id"]
        components = await http.get("/components", params={"type": KEY_PROVIDER})
        old = [
            c
            for c in components.raise_for_status().json()
            if c["providerId"] in ("rsa-generated", "rsa")
            and c.get("config", {}).get("algorithm", ["RS256"]) == ["RS256"]
        ]
        created = await http.post(
            "/components",
            json={
                "name": f"rsa-rotated-{uuid.uuid4().hex[:8]}",
                "providerId": "rsa-generated",
                "providerType": KEY_PROVIDER,
                "parentId": realm_id,
                "config": {"priority": ["200"], "keySize": ["2048"], "algorithm": ["RS256"]},
            },
        )
        assert created.status_code == 201, created.text
        for component in old:
            (await http.delete(f"/components/{component['id']}")).raise_for_status()


async def _admin_token() -> str:
    async with httpx.AsyncClient(timeout=10) as http:
        response = await http.post(
            f"{issuer('master')}/protocol/openid-connect/token",
            data={
                "grant_type": "password",
                "client_id": "admin-cli",
                "username": ADMIN,
                "password": ADMIN_PASSWORD,
            },
        )
    assert response.status_code == 200, f"Keycloak admin token: {response.text}"
    return str(response.json()["access_token"])
