"""Reading the evaluation service's CASE packages in tests."""

from typing import Any

import httpx

CASE = "/ims/case/v1p0"


async def documents(client: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    response = await client.get(f"{CASE}/CFDocuments", headers=headers)
    assert response.status_code == 200, response.text
    return list(response.json()["CFDocuments"])


async def package_of_version(
    client: httpx.AsyncClient, headers: dict[str, str], version: int
) -> httpx.Response:
    """The response to GET CFPackages of the framework version ``version``."""
    [document] = [d for d in await documents(client, headers) if d.get("version") == str(version)]
    return await client.get(f"{CASE}/CFPackages/{document['identifier']}", headers=headers)
