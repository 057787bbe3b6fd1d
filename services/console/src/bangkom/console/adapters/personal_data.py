"""What every service holds about the signed-in employee (UU 27/2022): each service's
GET /personal-data/{nip}, asked at once. Every service the console has an address of
is asked (every one serves it), so a service given one is not left out of the file."""

from __future__ import annotations

import asyncio

from bangkom.console.adapters.http import ServiceClient
from bangkom.console.handlers.ports import Json


class PersonalDataApi(ServiceClient):
    async def personal_data(self, nip: str) -> dict[str, Json]:
        services = list(self._urls)
        answers = await asyncio.gather(
            *(self._get(s, f"/personal-data/{nip}", decides_access=True) for s in services)
        )
        return dict(zip(services, answers, strict=True))
