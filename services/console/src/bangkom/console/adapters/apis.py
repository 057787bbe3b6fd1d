"""The four services' REST APIs, called with the signed-in person's bearer token."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx

from bangkom.console.handlers.ports import Json, NotAuthorised, Refused, ServiceUnavailable


class HttpApis:
    def __init__(self, client: httpx.AsyncClient, urls: dict[str, str], token: str) -> None:
        self._client = client
        self._urls = urls
        self._headers = {"Authorization": f"Bearer {token}"}

    async def employee(self, nip: str) -> Json:
        found: Json = await self._get("evaluation", f"/employees/{nip}", decides_access=True)
        return found

    async def gaps(self, nip: str) -> Json | None:
        found: Json | None = await self._get("recommendation", f"/employees/{nip}/gaps")
        return found

    async def proposals(self, nip: str) -> list[Json]:
        return await self._items("recommendation", f"/employees/{nip}/proposals")

    async def ledger(self, nip: str) -> Json | None:
        found: Json | None = await self._get("training", f"/employees/{nip}/ledger")
        return found

    async def agency_proposals(self, status: str | None) -> list[Json]:
        """The newest proposals of the caller's agencies (one page of 200)."""
        query = f"?limit=200&status={status}" if status else "?limit=200"
        return await self._items("recommendation", f"/proposals{query}")

    async def decide(self, proposal_id: str, *, accept: bool, reason: str | None) -> Json:
        body = {"decision": "accepted" if accept else "rejected", "reason": reason}
        decided: Json = await self._post(
            "recommendation", f"/proposals/{proposal_id}/decision", body
        )
        return decided

    async def record_result(self, result: Json) -> Json:
        recorded: Json = await self._post("evaluation", "/results", result)
        return recorded

    async def heatmap(self, agency_code: str | None, depth: int | None) -> Json:
        query = _query(agency_code=agency_code, depth=depth)
        found: Json = await self._get("recommendation", f"/analytics/heatmap{query}")
        return found

    async def compliance(self, agency_code: str | None) -> Json:
        query = _query(agency_code=agency_code)
        found: Json = await self._get("recommendation", f"/analytics/compliance{query}")
        return found

    async def pending_proposals(self) -> tuple[int, bool]:
        page = await self._get("recommendation", "/proposals?status=proposed&limit=500")
        if not page:
            return 0, False
        return len(page["items"]), page["next_offset"] is not None

    async def upload_import(self, kind: str, filename: str, content: bytes) -> Json:
        job: Json = await self._post(
            "evaluation", f"/imports/{kind}", files={"file": (filename, content)}
        )
        return job

    async def import_job(self, job_id: str) -> Json:
        job: Json = await self._get("evaluation", f"/imports/{job_id}", decides_access=True)
        return job

    async def import_errors(self, job_id: str) -> list[Json]:
        """The first 500 rejected rows (an operator fixes those and uploads again)."""
        return await self._items("evaluation", f"/imports/{job_id}/errors?limit=500")

    async def _post(
        self, service: str, path: str, body: Json | None = None, *, files: Any = None
    ) -> Any:
        try:
            response = await self._client.post(
                f"{self._urls[service]}{path}", headers=self._headers, json=body, files=files
            )
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(service) from exc
        if response.status_code >= 500:
            raise ServiceUnavailable(service)
        if response.status_code in (403, 404):
            raise NotAuthorised(path)
        if response.status_code >= 400:
            raise Refused(_message(response))
        return response.json()

    async def _items(self, service: str, path: str) -> list[Json]:
        """A list endpoint's first page (the platform's page envelope: ``items``)."""
        page = await self._get(service, path)
        return list(page["items"]) if page else []

    async def _get(self, service: str, path: str, *, decides_access: bool = False) -> Any:
        """The JSON answer; None where the service has nothing yet (404). A 404 of the
        service that owns the record (``decides_access``) means not in the person's
        scope, as does a 403 of any service."""
        try:
            response = await self._client.get(f"{self._urls[service]}{path}", headers=self._headers)
        except httpx.HTTPError as exc:  # refused, reset, timed out
            raise ServiceUnavailable(service) from exc
        if response.status_code == 403 or (response.status_code == 404 and decides_access):
            raise NotAuthorised(path)
        if response.status_code == 404:
            return None
        if response.status_code >= 500:
            raise ServiceUnavailable(service)
        response.raise_for_status()
        return response.json()


def _message(response: httpx.Response) -> str:
    """The platform's error body says it for a person (``message``)."""
    try:
        return str(response.json()["message"])
    except (ValueError, KeyError, TypeError):
        return f"Permintaan ditolak ({response.status_code})"


def _query(**values: object) -> str:
    present = {k: v for k, v in values.items() if v is not None}
    return f"?{urlencode(present)}" if present else ""
