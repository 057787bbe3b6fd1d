"""Reference data built through the services' REST APIs, as an HR office would enter
it: province and city, an agency, a position, an employee (evaluation); a course and a
session open for enrolment (training)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import httpx

from tests import factories
from tests.infra import wait_for

Headers = dict[str, str]
# The nine SKM elements of PermenPANRB 14/2017, as the survey API names them.
SKM_ELEMENTS = [
    "persyaratan",
    "sistem_mekanisme_prosedur",
    "waktu_penyelesaian",
    "biaya_tarif",
    "produk_spesifikasi_jenis_pelayanan",
    "kompetensi_pelaksana",
    "perilaku_pelaksana",
    "penanganan_pengaduan_saran_masukan",
    "sarana_prasarana",
]


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


async def a_technical_competency(
    http: httpx.AsyncClient, headers: Headers, agency: str, related: list[str] | None = None
) -> str:
    """A technical competency of ``agency`` (coded T.<agency>.01), related to ``related``."""
    code = f"T.{agency}.01"
    await _put(
        http,
        "/technical-competencies",
        headers,
        {
            "code": code,
            "name": "Pengelolaan Pajak Daerah",
            "group": "teknis",
            "agency_code": agency,
            "description": "Mengelola pendataan, penetapan dan penagihan pajak daerah.",
            "levels": {str(n): f"Pajak daerah, level {n}" for n in range(1, 6)},
            "related": related or [],
        },
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
    http: httpx.AsyncClient,
    headers: Headers,
    agency: str,
    position: str,
    nip: str | None = None,
    *,
    supervisor: str | None = None,
) -> str:
    nip = nip or factories.nip()
    body = {"nip": nip, "name": "Rina Siregar", "agency_code": agency, "position_code": position}
    await _put(http, "/employees", headers, body | {"supervisor_nip": supervisor})
    return nip


async def a_result(
    evaluation: httpx.AsyncClient,
    headers: Headers,
    nip: str,
    competency: str = "M.05",
    level: int = 1,
    days_ago: float = 1,
) -> dict[str, object]:
    """A CAT result recorded for ``nip`` (201), as the API answered it."""
    response = await evaluation.post(
        "/results",
        headers=headers,
        json={
            "nip": nip,
            "competency_code": competency,
            "level": level,
            "method": "cat",
            "evaluated_at": factories.at(days_ago=days_ago).isoformat(),
        },
    )
    assert response.status_code == 201, f"POST /results: {response.status_code} {response.text}"
    return dict(response.json())


async def a_course(
    training: httpx.AsyncClient,
    headers: Headers,
    code: str,
    competency: str = "M.05",
    levels: tuple[int, int] = (1, 3),
) -> str:
    """A published course of 24 JP developing ``competency`` from one level to another."""
    await _put(
        training,
        "/courses",
        headers,
        {
            "code": code,
            "title": "Pelayanan Publik Prima",
            "competencies": [
                {"competency_code": competency, "level_from": levels[0], "level_to": levels[1]}
            ],
            "jp": 24,
            "mode": "klasikal",
            "provider": "BPSDM Provinsi Sumatera Utara",
            "cost": 0,
            "status": "published",
        },
    )
    return code


async def an_open_session(training: httpx.AsyncClient, headers: Headers, course: str) -> str:
    """Batch 1 of ``course``, held today, its enrolment open until the end of the day in
    WIB (it may close no later than the day the session starts; at 23:00 it had closed
    for an hour of every day, when CI runs after 16:00 UTC)."""
    today = factories.at().astimezone(ZoneInfo("Asia/Jakarta"))
    code = f"{course}-01"
    await _put(
        training,
        "/sessions",
        headers,
        {
            "code": code,
            "course_code": course,
            "batch": 1,
            "starts_on": today.date().isoformat(),
            "ends_on": today.date().isoformat(),
            "capacity": 10,
            "location": "Aula BKPSDM",
            "enrolment_opens_at": (today - timedelta(days=1)).isoformat(),
            "enrolment_closes_at": today.replace(hour=23, minute=59, second=59).isoformat(),
            "status": "open",
        },
    )
    return code


async def a_survey(
    http: httpx.AsyncClient, headers: Headers, agencies: list[str], *, title: str = "AKP 2027"
) -> str:
    """A draft survey (``http`` on the survey service) of agencies the evaluation service
    has just published: planned once survey has consumed them (before, it is refused
    with agency_unknown, and nothing is stored)."""
    body = {"title": title, "period": "2027", "agency_codes": agencies}

    async def planned() -> str | None:
        response = await http.post("/surveys", headers=headers, json=body)
        if response.status_code == 422 and response.json()["code"] == "agency_unknown":
            return None
        assert response.status_code == 201, f"POST /surveys: {response.text}"
        return str(response.json()["id"])

    return await wait_for(planned, what=f"survey knows agencies {agencies}")
