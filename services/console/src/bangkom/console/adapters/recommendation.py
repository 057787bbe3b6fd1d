"""The recommendation service's API: gaps, proposals and their decisions, analytics."""

from __future__ import annotations

from bangkom.console.adapters.http import ServiceClient, query
from bangkom.console.handlers.ports import Json


class RecommendationApi(ServiceClient):
    async def gaps(self, nip: str) -> Json | None:
        found: Json | None = await self._get("recommendation", f"/employees/{nip}/gaps")
        return found

    async def proposals(self, nip: str) -> list[Json]:
        return await self._items("recommendation", f"/employees/{nip}/proposals")

    async def agency_proposals(self, status: str | None) -> list[Json]:
        """The newest proposals of the caller's agencies (one page of 200)."""
        return await self._items("recommendation", f"/proposals{query(limit=200, status=status)}")

    async def decide(self, proposal_id: str, *, accept: bool, reason: str | None) -> Json:
        body = {"decision": "accepted" if accept else "rejected", "reason": reason}
        decided: Json = await self._post(
            "recommendation", f"/proposals/{proposal_id}/decision", body
        )
        return decided

    async def heatmap(self, agency_code: str | None, depth: int | None) -> Json:
        path = f"/analytics/heatmap{query(agency_code=agency_code, depth=depth)}"
        found: Json = await self._get("recommendation", path)
        return found

    async def compliance(self, agency_code: str | None, depth: int | None) -> Json:
        """20 JP compliance per agency (one level below ``agency_code``)."""
        path = f"/analytics/compliance{query(agency_code=agency_code, depth=depth)}"
        found: Json = await self._get("recommendation", path)
        return found

    async def jpm(self, agency_code: str | None, depth: int | None) -> list[Json]:
        """Each agency's JPM distribution (one level below ``agency_code``)."""
        path = f"/analytics/jpm{query(agency_code=agency_code, depth=depth, limit=500)}"
        return await self._items("recommendation", path)

    async def pending_proposals(self) -> int:
        """Counted by the service (the page's total), not by fetching them."""
        page = await self._get("recommendation", "/proposals?status=proposed&limit=1")
        return int(page["total"]) if page else 0
