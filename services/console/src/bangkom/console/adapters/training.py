"""The training service's API: the JP ledger, the catalog and its sessions,
enrolments and completions."""

from __future__ import annotations

from bangkom.console.adapters.http import ServiceClient, query
from bangkom.console.handlers.ports import Json

PAGE = 20


class TrainingApi(ServiceClient):
    async def jp_pace(self, agency_code: str | None) -> list[Json]:
        """20 JP so far against the pace for the year: the agency (with those below it),
        or each agency in the person's scope."""
        if agency_code:
            found: Json | None = await self._get("training", f"/compliance/agencies/{agency_code}")
            return [found] if found else []
        return await self._items("training", "/compliance/agencies?limit=500")

    async def ledger(self, nip: str) -> Json | None:
        found: Json | None = await self._get("training", f"/employees/{nip}/ledger")
        return found

    async def courses(self, search: Json, offset: int) -> Json:
        path = f"/courses{query(**search, limit=PAGE, offset=offset)}"
        found: Json | None = await self._get("training", path)
        return found or {"items": [], "total": 0, "next_offset": None}

    async def course(self, code: str) -> Json:
        found: Json = await self._get("training", f"/courses/{code}", decides_access=True)
        return found

    async def sessions(self, course_code: str) -> list[Json]:
        return await self._items("training", f"/sessions{query(course_code=course_code)}")

    async def enrolments(self, course_code: str) -> list[Json]:
        """The first 100 enrolments of the course in the person's agencies."""
        path = f"/enrolments{query(course_code=course_code, limit=100)}"
        return await self._items("training", path)

    async def enrol(self, session_code: str, nip: str) -> Json:
        body = {"session_code": session_code, "nip": nip}
        enrolment: Json = await self._post("training", "/enrolments", body)
        return enrolment

    async def complete(self, enrolment_id: str, outcome: str) -> Json:
        path = f"/enrolments/{enrolment_id}/completion"
        completion: Json = await self._post("training", path, {"outcome": outcome})
        return completion
