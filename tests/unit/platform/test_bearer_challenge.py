"""A refused token over REST: 401 (or 403) with the RFC 6750 challenge in
WWW-Authenticate and the same reason in the ErrorPublic body; the token itself is in
neither, nor in the logs."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import structlog
from fastapi import APIRouter, FastAPI

from bangkom.platform.auth.caller import Caller
from bangkom.platform.auth.challenge import challenge, header_safe
from bangkom.platform.auth.jwks import RemoteKeySet
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.observability.logs import configure_logging, get_logger
from bangkom.platform.settings import ServiceSettings
from bangkom.platform.web.errors import install_error_handlers
from tests.unit.platform.fake_idp import AUDIENCE, ISSUER, JWKS_URL, FakeIdentityProvider


def _app(idp: FakeIdentityProvider) -> FastAPI:
    router = APIRouter()

    @router.get("/me")
    async def me(caller: CallerDep) -> dict[str, str]:
        return {"subject": caller.subject}

    @router.get("/boom")
    async def boom(caller: CallerDep) -> Caller:
        raise RuntimeError("a bug")

    app = FastAPI()
    app.include_router(router)
    keys = RemoteKeySet(jwks_url=JWKS_URL, transport=idp.transport())
    settings = ServiceSettings(auth_issuer=ISSUER, auth_audience=AUDIENCE)
    app.state.token_verifier = TokenVerifier(settings, keys=keys)
    install_error_handlers(app, {})
    return app


@pytest.fixture
def idp() -> FakeIdentityProvider:
    return FakeIdentityProvider.with_rsa()


@pytest.fixture
async def http(idp: FakeIdentityProvider) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=_app(idp), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
        yield client


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_a_valid_token_is_served(idp: FakeIdentityProvider, http: httpx.AsyncClient) -> None:
    response = await http.get("/me", headers=_bearer(idp.token(sub="op-1")))

    assert response.json() == {"subject": "op-1"}


async def test_a_refused_token_gets_invalid_token_with_the_reason(
    idp: FakeIdentityProvider, http: httpx.AsyncClient
) -> None:
    token = idp.token(aud="other-api")

    response = await http.get("/me", headers=_bearer(token))

    assert response.status_code == 401
    reason = "the token is for 'other-api', not for 'bangkom'"
    assert response.headers["www-authenticate"] == (
        f'Bearer realm="bangkom", error="invalid_token", error_description="{reason}"'
    )
    body = response.json()
    assert body["code"] == "invalid_token"
    assert body["message"] == f"Token bearer ditolak: invalid bearer token: {reason}"
    assert token not in response.text


async def test_a_token_without_our_roles_is_403_insufficient_scope(
    idp: FakeIdentityProvider, http: httpx.AsyncClient
) -> None:
    response = await http.get("/me", headers=_bearer(idp.token(realm_access={"roles": []})))

    assert response.status_code == 403
    assert response.headers["www-authenticate"].startswith(
        'Bearer realm="bangkom", error="insufficient_scope", error_description="the token'
    )
    assert response.json()["code"] == "insufficient_scope"


async def test_an_unreachable_provider_is_503_not_401(
    idp: FakeIdentityProvider, http: httpx.AsyncClient
) -> None:
    idp.down = True

    response = await http.get("/me", headers=_bearer(idp.token()))

    assert response.status_code == 503
    assert response.json()["code"] == "service_unavailable"
    assert response.headers["retry-after"] == "5"


def test_a_description_keeps_to_the_characters_rfc_6750_allows() -> None:
    text = header_safe('issued by "evil\\" \u00e9\n')

    assert text == "issued by 'evil/' ??"
    assert challenge("invalid_token", 'a "b"').endswith("error_description=\"a 'b'\"")


@pytest.fixture
def logging_restored() -> Iterator[None]:
    saved, handlers = structlog.get_config(), list(logging.root.handlers)
    yield
    structlog.configure(**saved)
    structlog.contextvars.clear_contextvars()
    logging.root.handlers[:] = handlers


@pytest.mark.usefixtures("logging_restored")
@pytest.mark.parametrize("fmt", ["json", "console"])
async def test_logs_never_carry_the_token(
    idp: FakeIdentityProvider, http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    # a buffer never closed: loggers that keep their stream from their first use may
    # still write into it after the test
    log_output = io.StringIO()
    monkeypatch.setattr(sys, "stderr", log_output)
    configure_logging("test", "DEBUG", fmt)
    good, bad = idp.token(), idp.token(aud="other-api")

    await http.get("/me", headers=_bearer(good))
    await http.get("/me", headers=_bearer(bad))
    await http.get("/boom", headers=_bearer(good))
    try:
        raise ValueError("while handling")
    except ValueError:
        get_logger("test").exception("failed", token_seen=bool(good))

    logged = log_output.getvalue()
    assert "while handling" in logged  # the trace was logged, the frame's locals were not
    for token in (good, bad):
        assert token not in logged
        assert token.split(".")[2] not in logged
