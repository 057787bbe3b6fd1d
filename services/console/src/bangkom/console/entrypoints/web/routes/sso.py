"""Signing in through the identity provider (authorization code + PKCE): to the
provider, and back with a code the console exchanges for the person's access token."""

from __future__ import annotations

from typing import Annotated, Any

import jwt
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from bangkom.console.domain.navigation import home_for
from bangkom.console.entrypoints.web.pages import RenderDep, redirect
from bangkom.console.entrypoints.web.session import sign_in
from bangkom.console.handlers.ports import Challenge, IdentityProvider, SignInFailed
from bangkom.console.handlers.viewer import Viewer
from bangkom.platform.auth.claims import ClaimsRefused, caller_from_claims

router = APIRouter()
PENDING = "sso"  # the session key of a sign-in under way
FAILED = "Masuk lewat SSO tidak berhasil; silakan coba lagi."


def _oidc(request: Request) -> IdentityProvider | None:
    provider: IdentityProvider | None = request.app.state.identity_provider
    return provider


def _callback(request: Request) -> str:
    public = request.app.state.settings.public_url
    return (
        f"{public.rstrip('/')}/masuk/sso/kembali"
        if public
        else str(request.url_for("sso_returned"))
    )


@router.get("/masuk/sso")
async def sso_sign_in(request: Request, render: RenderDep) -> Response:
    oidc = _oidc(request)
    if oidc is None:
        return render.not_authorised(request)
    challenge = Challenge.new()
    request.session[PENDING] = {"state": challenge.state, "verifier": challenge.verifier}
    return redirect(await oidc.authorization_url(challenge, _callback(request)))


@router.get("/masuk/sso/kembali", name="sso_returned", response_class=HTMLResponse)
async def sso_returned(
    request: Request,
    render: RenderDep,
    code: Annotated[str, Query(max_length=4096)] = "",
    state: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    oidc, pending = _oidc(request), request.session.pop(PENDING, None)
    if oidc is None or not pending or not code or state != pending["state"]:
        return render(request, "masuk.html", _page(request, FAILED), 400)
    try:
        token = await oidc.exchange(code, pending["verifier"], _callback(request))
        viewer = _viewer(token, request.app.state.settings.auth_audience)
    except (SignInFailed, ClaimsRefused):
        return render(request, "masuk.html", _page(request, FAILED), 403)
    sign_in(request, viewer)
    return redirect(home_for(viewer.roles))


def _viewer(token: str, roles_client: str) -> Viewer:
    # Not verified here: it came straight from the provider's token endpoint, and every
    # service it is sent to verifies it before anything is read or changed.
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    caller = caller_from_claims(claims, roles_client=roles_client)
    name = str(claims.get("name") or claims.get("preferred_username") or caller.subject)
    return Viewer(
        subject=caller.subject,
        name=name,
        roles=frozenset(role.value for role in caller.roles),
        token=token,
        agencies=tuple(sorted(caller.agencies)),
        nip=caller.nip,
    )


def _page(request: Request, error: str) -> dict[str, Any]:
    settings = request.app.state.settings
    return {"development": settings.development_sign_in, "sso": True, "error": error}
