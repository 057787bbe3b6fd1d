"""Signing in (development: choose a role; the identity provider later) and out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from bangkom.console.domain.navigation import AGENCY_OPERATOR, EMPLOYEE, home_for
from bangkom.console.entrypoints.web.pages import (
    NIP,
    ROLES,
    RenderDep,
    redirect,
    require_csrf,
)
from bangkom.console.entrypoints.web.session import (
    csrf_valid,
    current_viewer,
    sign_in,
    sign_out,
)
from bangkom.console.handlers.viewer import Viewer

router = APIRouter()
EXPIRED_FORM = "Sesi formulir kedaluwarsa; muat ulang halaman dan coba lagi."


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> Response:
    viewer = current_viewer(request)
    return redirect(home_for(viewer.roles) if viewer else "/masuk")


@router.get("/masuk", response_class=HTMLResponse)
async def sign_in_page(request: Request, render: RenderDep) -> Response:
    development = request.app.state.settings.development_sign_in
    return render(request, "masuk.html", {"development": development})


@router.post("/masuk", response_class=HTMLResponse)
async def sign_in_development(
    request: Request,
    render: RenderDep,
    csrf_token: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "",
    agency: Annotated[str, Form()] = "",
    nip: Annotated[str, Form()] = "",
) -> Response:
    development = request.app.state.settings.development_sign_in
    if not csrf_valid(request, csrf_token):
        return render(
            request, "masuk.html", {"development": development, "error": EXPIRED_FORM}, 400
        )
    if not development:
        return render.not_authorised(request)
    error = _sign_in_error(name, role, agency, nip)
    if error:
        form = {"name": name, "role": role, "agency": agency, "nip": nip}
        return render(
            request, "masuk.html", {"development": True, "error": error, "form": form}, 422
        )
    agencies = [agency.strip()] if role == AGENCY_OPERATOR else []
    own_nip = nip.strip() if role == EMPLOYEE else None
    mint = request.app.state.mint
    token = mint(subject=name.strip(), role=role, agencies=agencies, nip=own_nip)
    viewer = Viewer(
        subject=name.strip(),
        name=name.strip(),
        roles=frozenset({role}),
        token=token,
        agencies=tuple(agencies),
        nip=own_nip,
    )
    sign_in(request, viewer)
    return redirect(home_for(viewer.roles))


@router.post("/keluar")
async def sign_out_page(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    require_csrf(request, csrf_token)
    sign_out(request)
    return redirect("/masuk")


def _sign_in_error(name: str, role: str, agency: str, nip: str) -> str | None:
    if not name.strip():
        return "Isi nama Anda."
    if role not in ROLES:
        return "Pilih peran."
    if role == AGENCY_OPERATOR and not agency.strip():
        return "Operator instansi mengisi kode instansinya (mis. 12.73.BKPSDM)."
    if role == EMPLOYEE and not NIP.match(nip.strip()):
        return "Pegawai mengisi NIP-nya (18 angka)."
    return None
