"""Reference data built through the evaluation service's REST API, as an HR office
would enter it: province and city, an agency, a position, an employee."""

from __future__ import annotations

import httpx

from tests import factories

Headers = dict[str, str]


async def _put(
    http: httpx.AsyncClient, path: str, headers: Headers, body: dict[str, object]
) -> dict[str, object]:
    response = await http.put(path, headers=headers, json=body)
    assert response.status_code == 200, f"PUT {path}: {response.status_code} {response.text}"
    return dict(response.json())


async def an_agency(http: httpx.AsyncClient, admin: Headers, code: str | None = None) -> str:
    """A new agency (OPD) of Kota Pematangsiantar (``code`` or a new one); the province
    and city are ensured."""
    await _put(
        http, "/agencies", admin, {"code": "12", "name": "Sumatera Utara", "kind": "province"}
    )
    await _put(
        http,
        "/agencies",
        admin,
        {"code": "12.73", "name": "Kota Pematangsiantar", "kind": "city", "parent_code": "12"},
    )
    code = code or factories.agency_code()
    await _put(
        http,
        "/agencies",
        admin,
        {"code": code, "name": f"Dinas {code}", "kind": "agency", "parent_code": "12.73"},
    )
    return code


async def a_position(
    http: httpx.AsyncClient,
    headers: Headers,
    agency: str,
    position_type: str = "pengawas",
    overrides: dict[str, int] | None = None,
) -> str:
    code = f"{agency}-{position_type.upper()}"
    await _put(
        http,
        "/positions",
        headers,
        {
            "code": code,
            "name": f"Jabatan {position_type}",
            "agency_code": agency,
            "position_type": position_type,
            "overrides": overrides or {},
        },
    )
    return code


async def an_employee(
    http: httpx.AsyncClient, headers: Headers, agency: str, position: str, nip: str | None = None
) -> str:
    nip = nip or factories.nip()
    await _put(
        http,
        "/employees",
        headers,
        {"nip": nip, "name": "Rina Siregar", "agency_code": agency, "position_code": position},
    )
    return nip
