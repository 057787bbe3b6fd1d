"""The console's pages. Each route: who is signed in, what the page needs (handlers),
the template. The data's scope is decided by the services' APIs, called with the
person's own token."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, File, Form, Query, Request, UploadFile, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from bangkom.console.config import ConsoleSettings
from bangkom.console.domain.navigation import (
    AGENCY_OPERATOR,
    EMPLOYEE,
    PROVINCE_ADMIN,
    STAFF,
    home_for,
    may_open,
    menu_for,
)
from bangkom.console.domain.profile import chart
from bangkom.console.entrypoints.web.formatting import FILTERS, rejected_csv
from bangkom.console.entrypoints.web.session import (
    csrf_token,
    csrf_valid,
    current_viewer,
    flash,
    sign_in,
    sign_out,
    take_flashes,
)
from bangkom.console.handlers import queries
from bangkom.console.handlers.on_commands import imports, proposals, results
from bangkom.console.handlers.ports import Apis, NotAuthorised, Refused, ServiceUnavailable
from bangkom.console.handlers.viewer import Viewer

HERE = Path(__file__).parent
ROLES = {
    PROVINCE_ADMIN: "Admin provinsi",
    AGENCY_OPERATOR: "Operator instansi",
    EMPLOYEE: "Pegawai",
}
NIP = re.compile(r"^\d{18}$")
PROPOSAL_STATUSES = ("proposed", "accepted", "rejected", "enrolled", "fulfilled", "expired")
EXPIRED_FORM = "Sesi formulir kedaluwarsa; muat ulang halaman dan coba lagi."
AGENCY = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z-]+)*$")
AgencyQuery = Annotated[str | None, Query(max_length=64)]
StatusQuery = Annotated[str, Query(alias="status", max_length=20)]
TokenMinter = Callable[..., str]
ApisFor = Callable[[Request, Viewer], Apis]


def create_web(settings: ConsoleSettings, apis_for: ApisFor, mint: TokenMinter) -> FastAPI:
    app = FastAPI(title="bangkom console", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_secret.get_secret_value(),
        session_cookie="bangkom_console",
        max_age=settings.session_max_age_s,
        same_site="lax",
        https_only=settings.environment == "production",
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters.update(FILTERS)

    def render(request: Request, name: str, context: dict[str, Any], code: int = 200) -> Response:
        viewer = current_viewer(request)
        return templates.TemplateResponse(
            request,
            name,
            {
                "viewer": viewer,
                "role_names": ROLES,
                "menu": menu_for(viewer.roles) if viewer else [],
                "csrf": csrf_token(request),
                # Fragments refreshed by the page's script leave the messages to the page.
                "flashes": [] if name.startswith("_") else take_flashes(request),
                **context,
            },
            status_code=code,
        )

    def not_authorised(request: Request) -> Response:
        return render(request, "tidak_berwenang.html", {}, status.HTTP_403_FORBIDDEN)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/", response_class=HTMLResponse)
    async def home(request: Request) -> Response:
        viewer = current_viewer(request)
        target = home_for(viewer.roles) if viewer else "/masuk"
        return RedirectResponse(target, status.HTTP_303_SEE_OTHER)

    @app.get("/masuk", response_class=HTMLResponse)
    async def sign_in_page(request: Request) -> Response:
        return render(request, "masuk.html", {"development": settings.development_sign_in})

    @app.post("/masuk", response_class=HTMLResponse)
    async def sign_in_development(
        request: Request,
        csrf_token: Annotated[str, Form()] = "",
        name: Annotated[str, Form()] = "",
        role: Annotated[str, Form()] = "",
        agency: Annotated[str, Form()] = "",
        nip: Annotated[str, Form()] = "",
    ) -> Response:
        if not csrf_valid(request, csrf_token):
            return render(
                request, "masuk.html", {"error": "Sesi formulir kedaluwarsa; coba lagi."}, 400
            )
        if not settings.development_sign_in:
            return not_authorised(request)
        error = _sign_in_error(name, role, agency, nip)
        if error:
            return render(
                request,
                "masuk.html",
                {
                    "development": True,
                    "error": error,
                    "form": {"name": name, "role": role, "agency": agency, "nip": nip},
                },
                422,
            )
        agencies = [agency.strip()] if role == AGENCY_OPERATOR else []
        own_nip = nip.strip() if role == EMPLOYEE else None
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
        return RedirectResponse(home_for(viewer.roles), status.HTTP_303_SEE_OTHER)

    @app.post("/keluar")
    async def sign_out_page(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
        if not csrf_valid(request, csrf_token):
            return not_authorised(request)
        sign_out(request)
        return RedirectResponse("/masuk", status.HTTP_303_SEE_OTHER)

    @app.get("/profil", response_class=HTMLResponse)
    async def my_profile(request: Request) -> Response:
        viewer = current_viewer(request)
        if viewer is None:
            return RedirectResponse("/masuk", status.HTTP_303_SEE_OTHER)
        if not may_open(viewer.roles, "/profil") or viewer.nip is None:
            return not_authorised(request)
        return await _employee(request, viewer, viewer.nip, title="Profil saya")

    @app.get("/pegawai", response_class=HTMLResponse)
    async def employees(request: Request, nip: str = "") -> Response:
        viewer = current_viewer(request)
        if viewer is None:
            return RedirectResponse("/masuk", status.HTTP_303_SEE_OTHER)
        if not may_open(viewer.roles, "/pegawai"):
            return not_authorised(request)
        if nip.strip():
            if NIP.match(nip.strip()):
                return RedirectResponse(f"/pegawai/{nip.strip()}", status.HTTP_303_SEE_OTHER)
            return render(
                request, "pegawai.html", {"nip": nip, "error": "NIP terdiri atas 18 angka."}, 422
            )
        return render(request, "pegawai.html", {"nip": ""})

    @app.get("/pegawai/{nip}", response_class=HTMLResponse)
    async def employee(request: Request, nip: str) -> Response:
        viewer = current_viewer(request)
        if viewer is None:
            return RedirectResponse("/masuk", status.HTTP_303_SEE_OTHER)
        if not NIP.match(nip):
            return not_authorised(request)
        return await _employee(request, viewer, nip, title="Pegawai")

    @app.post("/pegawai/{nip}/hasil")
    async def record_result(
        request: Request,
        nip: str,
        csrf_token: Annotated[str, Form()] = "",
        competency_code: Annotated[str, Form()] = "",
        level: Annotated[int, Form(ge=1, le=5)] = 1,
        method: Annotated[str, Form()] = "assessment_center",
        assessed_on: Annotated[date | None, Form()] = None,
    ) -> Response:
        viewer = current_viewer(request)
        if viewer is None or not csrf_valid(request, csrf_token) or not NIP.match(nip):
            return not_authorised(request)
        try:
            await results.record_result(
                apis_for(request, viewer),
                viewer,
                nip,
                competency_code=competency_code,
                level=level,
                method=method,
                assessed_on=assessed_on or date.today(),
            )
            flash(request, f"Hasil penilaian {competency_code} Level {level} tercatat.")
        except NotAuthorised:
            return not_authorised(request)
        except (Refused, ServiceUnavailable) as refused:
            flash(request, _why(refused), error=True)
        return RedirectResponse(f"/pegawai/{nip}", status.HTTP_303_SEE_OTHER)

    @app.get("/usulan", response_class=HTMLResponse)
    async def proposals_page(request: Request, status_: StatusQuery = "proposed") -> Response:
        return await _proposals(request, status_, "usulan.html")

    @app.get("/usulan/daftar", response_class=HTMLResponse)
    async def proposals_rows(request: Request, status_: StatusQuery = "proposed") -> Response:
        """The queue's rows alone: the page's script swaps them in while a person waits."""
        return await _proposals(request, status_, "_usulan_rows.html")

    async def _proposals(request: Request, status_: str, template: str) -> Response:
        viewer = current_viewer(request)
        if viewer is None:
            return RedirectResponse("/masuk", status.HTTP_303_SEE_OTHER)
        wanted = status_ if status_ in PROPOSAL_STATUSES else None
        try:
            found = await queries.proposals(apis_for(request, viewer), viewer, wanted)
        except NotAuthorised:
            return not_authorised(request)
        except ServiceUnavailable as down:
            empty = {"rows": [], "status": wanted, "unavailable": [down.service]}
            return render(request, template, empty)
        return render(request, template, {"rows": found, "status": wanted, "unavailable": []})

    @app.post("/usulan/{proposal_id}/keputusan")
    async def decide(
        request: Request,
        proposal_id: str,
        csrf_token: Annotated[str, Form()] = "",
        decision: Annotated[str, Form()] = "",
        note: Annotated[str, Form(max_length=1000)] = "",
    ) -> Response:
        viewer = current_viewer(request)
        if viewer is None or not csrf_valid(request, csrf_token):
            return not_authorised(request)
        try:
            await proposals.decide(
                apis_for(request, viewer),
                viewer,
                proposal_id,
                accept=decision == "terima",
                note=note,
            )
            flash(request, "Usulan diterima." if decision == "terima" else "Usulan ditolak.")
        except NotAuthorised:
            return not_authorised(request)
        except (Refused, ServiceUnavailable) as refused:
            flash(request, _why(refused), error=True)
        return RedirectResponse("/usulan", status.HTTP_303_SEE_OTHER)

    @app.post("/usulan/terima")
    async def accept_selected(
        request: Request,
        csrf_token: Annotated[str, Form()] = "",
        proposal_id: Annotated[list[str] | None, Form()] = None,
    ) -> Response:
        viewer = current_viewer(request)
        if viewer is None or not csrf_valid(request, csrf_token):
            return not_authorised(request)
        chosen = proposal_id or []
        try:
            refusals = await proposals.accept_all(apis_for(request, viewer), viewer, chosen)
        except NotAuthorised:
            return not_authorised(request)
        except ServiceUnavailable as down:
            refusals = [_why(down)]
        accepted = len(chosen) - len(refusals)
        flash(request, f"{accepted} usulan diterima.")
        for refusal in refusals:
            flash(request, refusal, error=True)
        return RedirectResponse("/usulan", status.HTTP_303_SEE_OTHER)

    @app.get("/beranda", response_class=HTMLResponse)
    async def dashboard(request: Request, agency: AgencyQuery = None) -> Response:
        viewer = current_viewer(request)
        if viewer is None:
            return RedirectResponse("/masuk", status.HTTP_303_SEE_OTHER)
        if not may_open(viewer.roles, "/beranda"):
            return not_authorised(request)
        wanted = agency.strip() if agency and AGENCY.match(agency.strip()) else None
        try:
            page = await queries.dashboard(apis_for(request, viewer), viewer, wanted)
        except NotAuthorised:
            return not_authorised(request)
        return render(
            request,
            "beranda.html",
            {"page": page, "unavailable": page.unavailable, "trail": _trail(wanted)},
        )

    @app.get("/impor", response_class=HTMLResponse)
    async def import_form(request: Request) -> Response:
        viewer = current_viewer(request)
        if viewer is None:
            return RedirectResponse("/masuk", status.HTTP_303_SEE_OTHER)
        if not may_open(viewer.roles, "/impor"):
            return not_authorised(request)
        return render(request, "impor.html", {"kinds": imports.KINDS})

    @app.post("/impor")
    async def upload(
        request: Request,
        csrf_token: Annotated[str, Form()] = "",
        kind: Annotated[str, Form()] = "",
        file: Annotated[UploadFile | None, File()] = None,
    ) -> Response:
        viewer = current_viewer(request)
        if viewer is None or not csrf_valid(request, csrf_token):
            return not_authorised(request)
        content = await file.read() if file is not None else b""
        filename = (file.filename if file is not None else None) or "berkas"
        try:
            job = await imports.start_import(
                apis_for(request, viewer), viewer, kind, filename, content
            )
        except NotAuthorised:
            return not_authorised(request)
        except (Refused, ServiceUnavailable) as refused:
            flash(request, _why(refused), error=True)
            return RedirectResponse("/impor", status.HTTP_303_SEE_OTHER)
        return RedirectResponse(f"/impor/{job['id']}", status.HTTP_303_SEE_OTHER)

    @app.get("/impor/{job_id}", response_class=HTMLResponse)
    async def import_progress(request: Request, job_id: str) -> Response:
        return await _import(request, job_id, "impor_hasil.html")

    @app.get("/impor/{job_id}/kemajuan", response_class=HTMLResponse)
    async def import_progress_part(request: Request, job_id: str) -> Response:
        """The progress alone: the page's script swaps it in until the import ends."""
        return await _import(request, job_id, "_impor_kemajuan.html")

    @app.get("/impor/{job_id}/baris-ditolak.csv")
    async def rejected_rows(request: Request, job_id: str) -> Response:
        viewer = current_viewer(request)
        if viewer is None:
            return RedirectResponse("/masuk", status.HTTP_303_SEE_OTHER)
        try:
            found = await queries.import_page(apis_for(request, viewer), viewer, job_id)
        except (NotAuthorised, ServiceUnavailable):
            return not_authorised(request)
        return Response(
            rejected_csv(found.rejected),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="baris-ditolak-{job_id}.csv"'},
        )

    async def _import(request: Request, job_id: str, template: str) -> Response:
        viewer = current_viewer(request)
        if viewer is None:
            return RedirectResponse("/masuk", status.HTTP_303_SEE_OTHER)
        try:
            found = await queries.import_page(apis_for(request, viewer), viewer, job_id)
        except NotAuthorised:
            return not_authorised(request)
        except ServiceUnavailable as down:
            return render(request, template, {"found": None, "unavailable": [down.service]})
        return render(request, template, {"found": found, "kinds": imports.KINDS})

    async def _employee(request: Request, viewer: Viewer, nip: str, *, title: str) -> Response:
        try:
            page = await queries.employee_page(apis_for(request, viewer), viewer, nip)
        except NotAuthorised:
            return not_authorised(request)
        return render(
            request,
            "pegawai_detail.html",
            {
                "title": title,
                "page": page,
                "unavailable": page.unavailable,
                "bars": chart(page.competencies, width=300),
                "staff": bool(viewer.roles & STAFF),
                "today": date.today().isoformat(),
            },
        )

    return app


def _trail(agency_code: str | None) -> list[str]:
    """The codes above and including ``agency_code``: "12.73" -> "12", "12.73"."""
    if agency_code is None:
        return []
    parts = agency_code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def _why(refused: Exception) -> str:
    if isinstance(refused, ServiceUnavailable):
        return f"Layanan {refused.service} sedang tidak tersedia; coba lagi nanti."
    return str(refused)


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
