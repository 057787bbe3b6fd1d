"""The survey's public SKM routes, called for a member of the public: no token, and the
visitor's address forwarded, so that the survey's per-address rate falls on each
visitor and not on the console (survey trusts X-Forwarded-For only from the addresses
uvicorn's FORWARDED_ALLOW_IPS names: the console's)."""

from __future__ import annotations

import time
from typing import Any

import httpx

from bangkom.console.adapters.metrics import API_CALLS, API_LATENCY
from bangkom.console.handlers.ports import AnswerRefused, Json, ServiceUnavailable

SERVICE = "survey"


class PublicSurveyApi:
    def __init__(self, client: httpx.AsyncClient, survey_url: str, visitor: str) -> None:
        self._client = client
        self._url = survey_url
        self._headers = {"X-Forwarded-For": visitor}

    async def period(self, period_id: str) -> Json | None:
        response = await self._call("GET", f"/public/satisfaction/{period_id}")
        if response.status_code in (404, 422):  # 422: not even a period's id
            return None
        response.raise_for_status()
        found: Json = response.json()
        return found

    async def answer(self, period_id: str, answer: Json) -> bool:
        response = await self._call(
            "POST", f"/public/satisfaction/{period_id}/answers", json=answer
        )
        if response.status_code >= 400:
            retry_after = response.headers.get("Retry-After", "")
            raise AnswerRefused(
                response.status_code, int(retry_after) if retry_after.isdigit() else None
            )
        return response.status_code == 201

    async def _call(self, method: str, path: str, **content: Any) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = await self._client.request(
                method, f"{self._url}{path}", headers=self._headers, **content
            )
        except httpx.HTTPError as exc:
            API_CALLS.labels(SERVICE, method, "unavailable").inc()
            raise ServiceUnavailable(SERVICE) from exc
        finally:
            API_LATENCY.labels(SERVICE, method).observe(time.perf_counter() - started)
        API_CALLS.labels(SERVICE, method, "ok" if response.status_code < 400 else "refused").inc()
        if response.status_code >= 500:
            raise ServiceUnavailable(SERVICE)
        return response
