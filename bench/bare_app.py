"""The bare FastAPI endpoint the read API is compared with: same route shape, no auth,
no database, a constant body. Served by uvicorn with the services' defaults.

    uv run python -m uvicorn bench.bare_app:app --port 8099 --no-access-log
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

app = FastAPI(title="bare")

BODY: dict[str, Any] = {
    "nip": "198503152010012003",
    "agency_code": "12.71.BKPSDM",
    "position_code": "12.71.BKPSDM-PENGAWAS",
    "standard_version": 1,
    "gaps": [],
}


@app.get("/employees/{nip}/gaps")
async def gaps(nip: str) -> dict[str, Any]:
    return BODY
