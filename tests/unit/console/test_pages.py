"""The console's pages on fake APIs: sign-in with CSRF, an employee's own profile,
"tidak berwenang" for anyone else's, and the banner of a service that is down."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from bangkom.console.config import ConsoleSettings
from bangkom.console.entrypoints.web.app import create_web
from bangkom.console.handlers.ports import Json, NotAuthorised, ServiceUnavailable
from tests import factories

OWN = factories.nip()
OTHER = factories.nip()


class FakeApis:
    """One agency's APIs as seen with a token: only ``visible`` NIPs exist."""

    def __init__(self, visible: set[str], down: set[str]) -> None:
        self.visible, self.down = visible, down

    def _check(self, service: str, nip: str) -> None:
        if service in self.down:
            raise ServiceUnavailable(service)
        if nip not in self.visible:
            raise NotAuthorised(nip)

    async def employee(self, nip: str) -> Json:
        self._check("evaluation", nip)
        return {
            "nip": nip,
            "name": "Siti Aminah",
            "agency_code": "12.73.BKPSDM",
            "position_code": "P-1",
            "employment_type": "PNS",
            "active": True,
        }

    async def gaps(self, nip: str) -> Json | None:
        self._check("recommendation", nip)
        return {
            "gaps": [
                {
                    "competency_code": "M.05",
                    "competency_name": "Pelayanan Publik",
                    "required_level": 3,
                    "current_level": None,
                }
            ]
        }

    async def proposals(self, nip: str) -> list[Json]:
        self._check("recommendation", nip)
        return []

    async def ledger(self, nip: str) -> Json | None:
        self._check("training", nip)
        return {
            "total_jp": 12,
            "target_jp": 20,
            "missing_jp": 8,
            "meets_target": False,
            "entries": [],
        }


@pytest.fixture
async def console(tmp_path: Any) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, Any]]]:
    world: dict[str, Any] = {"visible": {OWN}, "down": set(), "minted": []}

    def mint(**claims: Any) -> str:
        world["minted"].append(claims)
        return "token"

    settings = ConsoleSettings(environment="test", auth_dev_key_file=tmp_path / "k.pem")
    app = create_web(settings, lambda _r, _v: FakeApis(world["visible"], world["down"]), mint)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as client:
        yield client, world


async def _csrf(client: httpx.AsyncClient) -> str:
    page = (await client.get("/masuk")).text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


async def _sign_in(client: httpx.AsyncClient, **form: str) -> Any:
    token = await _csrf(client)
    return await client.post("/masuk", data={"csrf_token": token, **form}, follow_redirects=False)


async def test_a_sign_in_without_the_forms_csrf_token_changes_nothing(console: Any) -> None:
    client, world = console
    await client.get("/masuk")

    refused = await client.post("/masuk", data={"name": "Siti", "role": "employee", "nip": OWN})

    assert refused.status_code == 400
    assert world["minted"] == []
    assert (await client.get("/profil", follow_redirects=False)).headers["location"] == "/masuk"


async def test_the_session_cookie_is_httponly_and_samesite(console: Any) -> None:
    client, _ = console
    response = await _sign_in(client, name="Siti", role="employee", nip=OWN)

    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie


async def test_an_employee_sees_their_own_profile_and_nobody_elses(console: Any) -> None:
    client, world = console
    signed_in = await _sign_in(client, name="Siti", role="employee", nip=OWN)
    assert signed_in.headers["location"] == "/profil"
    assert world["minted"] == [{"subject": "Siti", "role": "employee", "agencies": [], "nip": OWN}]

    own = await client.get("/profil")
    assert own.status_code == 200
    assert "Pelayanan Publik" in own.text
    assert "belum dinilai" in own.text
    assert "12 dari 20 JP" in own.text

    other = await client.get(f"/pegawai/{OTHER}")
    assert other.status_code == 403
    assert "Tidak berwenang" in other.text
    assert "Siti Aminah" not in other.text
    assert (await client.get("/pegawai")).status_code == 403  # the roster is staff's


async def test_an_operator_of_another_agency_gets_tidak_berwenang(console: Any) -> None:
    client, world = console
    world["visible"] = set()  # the APIs show this operator nobody of that agency
    await _sign_in(client, name="Budi", role="agency_operator", agency="12.73.DISDIK")

    page = await client.get(f"/pegawai/{OWN}")

    assert page.status_code == 403
    assert "Tidak berwenang" in page.text
    assert "Siti Aminah" not in page.text


async def test_a_service_down_is_named_in_a_banner_and_the_rest_still_shows(console: Any) -> None:
    client, world = console
    world["down"] = {"training"}
    await _sign_in(client, name="Siti", role="employee", nip=OWN)

    page = await client.get("/profil")

    assert page.status_code == 200
    assert "Layanan <strong>training</strong> sedang tidak tersedia" in page.text
    assert "Pelayanan Publik" in page.text


async def test_sign_out_ends_the_session(console: Any) -> None:
    client, _ = console
    await _sign_in(client, name="Siti", role="employee", nip=OWN)
    token = re.search(r'name="csrf_token" value="([^"]+)"', (await client.get("/profil")).text)
    assert token

    await client.post("/keluar", data={"csrf_token": token.group(1)}, follow_redirects=False)

    assert (await client.get("/profil", follow_redirects=False)).headers["location"] == "/masuk"


async def test_a_sign_in_form_with_a_missing_field_says_which(console: Any) -> None:
    client, world = console

    refused = await _sign_in(client, name="Budi", role="agency_operator", agency="")

    assert refused.status_code == 422
    assert "kode instansinya" in refused.text
    assert world["minted"] == []
