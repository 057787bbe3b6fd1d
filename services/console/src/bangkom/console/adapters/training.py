"""The training service's API: the JP ledger, the catalog and its sessions,
enrolments."""

from __future__ import annotations

from bangkom.console.adapters.http import ServiceClient
from bangkom.console.handlers.ports import Json


class TrainingApi(ServiceClient):
    async def ledger(self, nip: str) -> Json | None:
        found: Json | None = await self._get("training", f"/employees/{nip}/ledger")
        return found
