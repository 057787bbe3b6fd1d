"""The survey's public SKM routes, called for a member of the public: no token, and the
visitor's address forwarded, so that the survey's per-address rate falls on each
visitor and not on the console (survey trusts X-Forwarded-For only from the addresses
BANGKOM_SURVEY_HTTP_FORWARDED_ALLOW_IPS names: the console's)."""

from __future__ import annotations

import httpx

from bangkom.console.adapters.http import ServiceClient
from bangkom.console.handlers.ports import AnswerRefused, Json, ServiceUnavailable

SERVICE = "survey"


class PublicSurveyApi(ServiceClient):
    def __init__(self, client: httpx.AsyncClient, survey_url: str, visitor: str) -> None:
        super().__init__(client, {SERVICE: survey_url}, token=None)
        self._headers["X-Forwarded-For"] = visitor

    async def period(self, period_id: str) -> Json | None:
        response = await self._answered("GET", f"/public/satisfaction/{period_id}")
        if response.status_code in (404, 422):  # 422: not even a period's id
            return None
        response.raise_for_status()
        found: Json = response.json()
        return found

    async def answer(self, period_id: str, answer: Json) -> bool:
        path = f"/public/satisfaction/{period_id}/answers"
        response = await self._answered("POST", path, json=answer)
        if response.status_code >= 400:
            retry_after = response.headers.get("Retry-After", "")
            raise AnswerRefused(
                response.status_code, int(retry_after) if retry_after.isdigit() else None
            )
        return response.status_code == 201

    async def _answered(self, method: str, path: str, **content: Json) -> httpx.Response:
        response = await self._call(method, SERVICE, path, **content)
        if response.status_code >= 500:
            raise ServiceUnavailable(SERVICE)
        return response
