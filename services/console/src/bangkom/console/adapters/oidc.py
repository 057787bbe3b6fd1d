"""The identity provider, as the console signs people in through it: OpenID Connect's
authorization code flow with PKCE (RFC 7636), as a public client."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx

from bangkom.console.handlers.ports import Challenge, SignInFailed


class OidcClient:
    def __init__(self, issuer: str, client_id: str, timeout_s: float = 5.0) -> None:
        self._issuer = issuer.rstrip("/")
        self._client_id = client_id
        self._timeout_s = timeout_s
        self._endpoints: dict[str, Any] | None = None

    async def _discovered(self) -> dict[str, Any]:
        if self._endpoints is None:
            async with httpx.AsyncClient(timeout=self._timeout_s) as http:
                answer = await http.get(f"{self._issuer}/.well-known/openid-configuration")
            answer.raise_for_status()
            self._endpoints = dict(answer.json())
        return self._endpoints

    async def authorization_url(self, challenge: Challenge, redirect_uri: str) -> str:
        endpoint = (await self._discovered())["authorization_endpoint"]
        return f"{endpoint}?" + urlencode(
            {
                "response_type": "code",
                "client_id": self._client_id,
                "redirect_uri": redirect_uri,
                "scope": "openid",
                "state": challenge.state,
                "code_challenge": challenge.code_challenge,
                "code_challenge_method": "S256",
            }
        )

    async def exchange(self, code: str, verifier: str, redirect_uri: str) -> str:
        """The access token for the code (the token endpoint, over the back channel)."""
        endpoint = (await self._discovered())["token_endpoint"]
        async with httpx.AsyncClient(timeout=self._timeout_s) as http:
            answer = await http.post(
                endpoint,
                data={
                    "grant_type": "authorization_code",
                    "client_id": self._client_id,
                    "code": code,
                    "code_verifier": verifier,
                    "redirect_uri": redirect_uri,
                },
            )
        if answer.status_code != 200:
            raise SignInFailed(answer.text[:200])
        return str(answer.json()["access_token"])
