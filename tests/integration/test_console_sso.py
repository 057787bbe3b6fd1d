"""The console signs a person in through the real Keycloak (authorization code + PKCE,
the public client bangkom-console of deploy/keycloak/bangkom-realm.json): to the
provider's login form, back with a code, exchanged for the person's own access token."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from bangkom.console.adapters.oidc import OidcClient
from bangkom.console.config import ConsoleSettings
from bangkom.console.entrypoints.web.app import create_web
from tests import keycloak
from tests.unit.console.fakes import FakeApis, FakePublicSurvey, new_world

pytestmark = [pytest.mark.keycloak]
CONSOLE = "http://127.0.0.1:8005"  # the redirect URI the realm allows
RINA_NIP = "198503152010012003"  # pegawai.rina's nip attribute in the realm


@pytest.fixture
async def console(tmp_path: Path) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, Any]]]:
    world = new_world()
    world["visible"] = {RINA_NIP}
    settings = ConsoleSettings(
        environment="test",
        auth_dev_key_file=tmp_path / "k.pem",
        oidc_issuer=keycloak.issuer(),
        public_url=CONSOLE,
    )
    provider = OidcClient(keycloak.issuer(), settings.oidc_client_id)
    app = create_web(
        settings,
        lambda _r, _v: FakeApis(world),
        lambda **_: "unused",
        provider,
        public_survey_for=lambda request: FakePublicSurvey(world, request.client),
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=CONSOLE) as client:
        yield client, world


async def _through_the_login_form(authorize: str, username: str) -> str:
    """What a browser does at the provider: open the login form, submit it; the URL the
    provider sends the browser back to."""
    async with httpx.AsyncClient(timeout=20) as browser:
        form = await browser.get(authorize)
        assert form.status_code == 200, form.text[:500]
        found = re.search(r'<form[^>]*action="([^"]+)"', form.text)
        assert found, "no login form"
        # Keycloak marks its login cookies Secure; browsers send those to http://127.0.0.1
        # (a secure context), httpx does not: sent by hand, as a browser would.
        sent = "; ".join(f"{cookie.name}={cookie.value}" for cookie in browser.cookies.jar)
        back = await browser.post(
            html.unescape(found.group(1)),
            data={"username": username, "password": keycloak.PASSWORD},
            headers={"Cookie": sent},
        )
    assert back.status_code == 302, back.text[:500]
    return back.headers["location"]


async def test_an_employee_signs_in_through_the_provider_and_sees_their_profile(
    console: tuple[httpx.AsyncClient, dict[str, Any]],
) -> None:
    client, _ = console
    page = await client.get("/masuk")
    assert 'href="/masuk/sso"' in page.text

    leaving = await client.get("/masuk/sso")
    authorize = leaving.headers["location"]
    asked = parse_qs(urlsplit(authorize).query)
    assert (asked["client_id"], asked["code_challenge_method"]) == (["bangkom-console"], ["S256"])
    assert "code_verifier" not in authorize  # only its hash travels through the browser

    callback = await _through_the_login_form(authorize, "pegawai.rina")
    assert callback.startswith(f"{CONSOLE}/masuk/sso/kembali?")
    signed_in = await client.get(callback)
    replayed = await client.get(callback)
    profile = await client.get("/profil")

    assert (signed_in.status_code, signed_in.headers["location"]) == (303, "/profil")
    assert profile.status_code == 200
    assert "Rina Siregar" in profile.text  # the name from the provider's token
    assert replayed.status_code == 400  # a code and state are good once


async def test_a_return_with_another_sign_ins_state_is_refused(
    console: tuple[httpx.AsyncClient, dict[str, Any]],
) -> None:
    client, _ = console
    authorize = (await client.get("/masuk/sso")).headers["location"]
    callback = await _through_the_login_form(authorize, "pegawai.rina")
    forged = re.sub(r"state=[^&]+", "state=forged", callback)

    refused = await client.get(forged)

    assert refused.status_code == 400
    assert "tidak berhasil" in refused.text
    still_out = await client.get("/profil")
    assert (still_out.status_code, still_out.headers["location"]) == (303, "/masuk")
