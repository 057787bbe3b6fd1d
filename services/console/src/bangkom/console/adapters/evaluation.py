"""The evaluation service's API: the roster, results, imports, post-training
evaluations, the competency dictionary and positions."""

from __future__ import annotations

from bangkom.console.adapters.http import ServiceClient, query
from bangkom.console.handlers.ports import Json

ROSTER_PAGE = 20


class EvaluationApi(ServiceClient):
    async def employee(self, nip: str) -> Json:
        found: Json = await self._get("evaluation", f"/employees/{nip}", decides_access=True)
        return found

    async def roster(self, search: str, offset: int) -> Json:
        """A page of 20 employees of the person's agencies, by NIP or name."""
        path = f"/employees{query(q=search or None, limit=ROSTER_PAGE, offset=offset)}"
        found: Json | None = await self._get("evaluation", path)
        return found or {"items": [], "next_offset": None}

    async def record_result(self, result: Json) -> Json:
        recorded: Json = await self._post("evaluation", "/results", result)
        return recorded

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

    async def running_imports(self) -> list[Json]:
        """The person's imports still queued or running (an admin: everyone's)."""
        return await self._items("evaluation", "/imports?status=queued&status=running&limit=20")

    async def overdue_evaluations(self) -> tuple[int, bool]:
        items, more = await self._page(
            "evaluation", "/training-evaluations?status=overdue&limit=100"
        )
        return len(items), more

    async def training_evaluations(self, status: str | None) -> list[Json]:
        """The first 100 post-training evaluations of the person's agencies."""
        path = f"/training-evaluations{query(status=status, limit=100)}"
        return await self._items("evaluation", path)

    async def training_evaluation(self, evaluation_id: str) -> Json:
        path = f"/training-evaluations/{evaluation_id}"
        found: Json = await self._get("evaluation", path, decides_access=True)
        return found

    async def record_training_evaluation(
        self, evaluation_id: str, level: int, record: Json
    ) -> Json:
        path = f"/training-evaluations/{evaluation_id}/levels/{level}"
        recorded: Json = await self._put("evaluation", path, record)
        return recorded

    async def framework(self, version: int | None) -> Json:
        path = "/framework" if version is None else f"/framework/versions/{version}"
        found: Json = await self._get("evaluation", path, decides_access=True)
        return found

    async def preview_framework(self, body: Json) -> Json:
        impact: Json = await self._post("evaluation", "/framework/versions/preview", body)
        return impact

    async def publish_framework(self, body: Json) -> Json:
        published: Json = await self._post("evaluation", "/framework/versions", body)
        return published

    async def framework_versions(self) -> list[Json]:
        return await self._items("evaluation", "/framework/versions?limit=100")

    async def technical_competencies(self) -> list[Json]:
        return await self._items("evaluation", "/technical-competencies?limit=200")

    async def positions(self, offset: int) -> Json:
        """A page of 50 positions of the person's agencies, with their standards."""
        path = f"/positions{query(limit=50, offset=offset)}"
        found: Json | None = await self._get("evaluation", path)
        return found or {"items": [], "next_offset": None}
