"""What every service holds about the signed-in employee (UU 27/2022): each service's
GET /personal-data/{nip}, asked at once."""

from __future__ import annotations

import asyncio

from bangkom.console.adapters.http import ServiceClient
from bangkom.console.handlers.ports import Json

SERVICES = ("evaluation", "training", "survey", "recommendation")


class PersonalDataApi(ServiceClient):
    async def personal_data(self, nip: str) -> dict[str, Json]:
        answers = await asyncio.gather(
            *(self._get(s, f"/personal-data/{nip}", decides_access=True) for s in SERVICES)
        )
        return dict(zip(SERVICES, answers, strict=True))
