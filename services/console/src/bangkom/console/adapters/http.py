"""One HTTP client for the services' REST APIs, called with the signed-in person's
bearer token: the one place that turns an API's answer into what a page does with it
(data, "tidak berwenang", a service named in the banner, signing in again, a refusal's
message) and reads the platform's page envelope."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

import httpx

from bangkom.console.adapters.metrics import API_CALLS, API_LATENCY
from bangkom.console.handlers.ports import (
    Json,
    NotAuthorised,
    Refused,
    ServiceUnavailable,
    SessionExpired,
)


class ServiceClient:
    def __init__(self, client: httpx.AsyncClient, urls: dict[str, str], token: str | None) -> None:
        """``token`` None: for a member of the public, on the services' public routes."""
        self._client = client
        self._urls = urls
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}

    async def _post(
        self, service: str, path: str, body: Json | None = None, *, files: Any = None
    ) -> Any:
        return await self._send("POST", service, path, body, files=files)

    async def _put(self, service: str, path: str, body: Json) -> Any:
        return await self._send("PUT", service, path, body)

    async def _send(
        self, method: str, service: str, path: str, body: Json | None, *, files: Any = None
    ) -> Any:
        """A change: a 4xx other than 401/403/404 is a refusal whose message goes back
        on the page."""
        response = await self._call(method, service, path, json=body, files=files)
        if response.status_code >= 500:
            raise ServiceUnavailable(service)
        if response.status_code == 401:
            raise SessionExpired(service)
        if response.status_code in (403, 404):
            raise NotAuthorised(path)
        if response.status_code >= 400:
            raise Refused(_message(response))
        return response.json()

    async def _call(self, method: str, service: str, path: str, **content: Any) -> httpx.Response:
        """One request, timed and counted by outcome; no answer at all (refused, reset,
        timed out) is the service unavailable."""
        started = time.perf_counter()
        try:
            response = await self._client.request(
                method, f"{self._urls[service]}{path}", headers=self._headers, **content
            )
        except httpx.HTTPError as exc:
            API_CALLS.labels(service, method, "unavailable").inc()
            raise ServiceUnavailable(service) from exc
        finally:
            API_LATENCY.labels(service, method).observe(time.perf_counter() - started)
        API_CALLS.labels(service, method, _outcome(response.status_code)).inc()
        return response

    async def _items(self, service: str, path: str) -> list[Json]:
        """A list endpoint's first page."""
        items, _more = await self._page(service, path)
        return items

    async def _page(self, service: str, path: str) -> tuple[list[Json], bool]:
        """A page of a list and whether more follow: the one place that reads the
        platform's page envelope (``items``, ``next_offset``)."""
        page = await self._get(service, path)
        if not page:
            return [], False
        return list(page["items"]), page["next_offset"] is not None

    async def _get(self, service: str, path: str, *, decides_access: bool = False) -> Any:
        """The JSON answer; None where the service has nothing yet (404)."""
        response = await self._fetch(service, path, decides_access=decides_access)
        return None if response is None else response.json()

    async def _download(self, service: str, path: str) -> bytes:
        """A file the service makes (a spreadsheet): its bytes."""
        response = await self._fetch(service, path, decides_access=True)
        assert response is not None  # a 404 of the owner is NotAuthorised
        return response.content

    async def _fetch(
        self, service: str, path: str, *, decides_access: bool
    ) -> httpx.Response | None:
        """A 404 of the service that owns the record (``decides_access``) means not in
        the person's scope, as does a 403 of any service; a 401, that the token itself is
        refused; a 409, that the record is not in the state this read needs (None)."""
        response = await self._call("GET", service, path)
        if response.status_code == 401:
            raise SessionExpired(service)
        if response.status_code == 403 or (response.status_code == 404 and decides_access):
            raise NotAuthorised(path)
        if response.status_code in (404, 409):
            return None
        if response.status_code >= 500:
            raise ServiceUnavailable(service)
        response.raise_for_status()
        return response


def _outcome(status: int) -> str:
    if status >= 500:
        return "unavailable"
    if status == 401:
        return "session_expired"
    if status in (403, 404):
        return "not_authorised"
    return "refused" if status >= 400 else "ok"


def _message(response: httpx.Response) -> str:
    """The platform's error body says it for a person (``message``)."""
    try:
        return str(response.json()["message"])
    except (ValueError, KeyError, TypeError):
        return f"Permintaan ditolak ({response.status_code})"


def query(**values: object) -> str:
    """A query string of the values given (None left out)."""
    present = {k: v for k, v in values.items() if v is not None and v != ""}
    return f"?{urlencode(present, doseq=True)}" if present else ""
