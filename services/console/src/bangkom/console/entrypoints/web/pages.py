"""What every page route shares: the signed-in person (or a redirect to sign in), the
services' APIs with that person's token, rendering with the layout's context, CSRF,
and the words for a refusal."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request, status
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from bangkom.console.domain.navigation import (
    AGENCY_OPERATOR,
    EMPLOYEE,
    PROVINCE_ADMIN,
    may_open,
    menu_for,
)
from bangkom.console.entrypoints.web.formatting import FILTERS, layanan
from bangkom.console.entrypoints.web.session import (
    csrf_token,
    csrf_valid,
    current_viewer,
    take_flashes,
)
from bangkom.console.handlers.ports import Apis, NotAuthorised, PublicSurvey, ServiceUnavailable
from bangkom.console.handlers.viewer import Viewer

HERE = Path(__file__).parent
ROLES = {
    PROVINCE_ADMIN: "Admin provinsi",
    AGENCY_OPERATOR: "Operator instansi",
    EMPLOYEE: "Pegawai",
}
NIP = re.compile(r"^\d{18}$")
ApisFor = Callable[[Request, Viewer], Apis]
PublicSurveyFor = Callable[[Request], PublicSurvey]  # for a visitor, no token


class SignInRequired(Exception):
    """Nobody is signed in: the page sends the person to /masuk."""


class Renderer:
    def __init__(self) -> None:
        self.templates = Jinja2Templates(directory=HERE / "templates")
        self.templates.env.filters.update(FILTERS)

    def __call__(
        self, request: Request, name: str, context: dict[str, Any], code: int = 200
    ) -> Response:
        viewer = current_viewer(request)
        return self.templates.TemplateResponse(
            request,
            name,
            {
                "viewer": viewer,
                "role_names": ROLES,
                "menu": menu_for(viewer.roles) if viewer else [],
                "csrf": csrf_token(request),
                # Fragments refreshed by the page's script leave the messages to the page.
                "flashes": [] if name.startswith("_") else take_flashes(request),
                "unavailable": [],
                **context,
            },
            status_code=code,
        )

    def not_authorised(self, request: Request) -> Response:
        return self(request, "tidak_berwenang.html", {}, status.HTTP_403_FORBIDDEN)

    def failed(self, request: Request) -> Response:
        """The page for an error nobody foresaw: the layout without the person's session
        (it is answered outside the session's middleware), in Bahasa Indonesia."""
        return self.templates.TemplateResponse(
            request,
            "kesalahan.html",
            {"viewer": None, "menu": [], "csrf": "", "flashes": [], "unavailable": []},
            status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )


async def _renderer(request: Request) -> Renderer:
    renderer: Renderer = request.app.state.renderer
    return renderer


async def _viewer(request: Request) -> Viewer:
    viewer = current_viewer(request)
    if viewer is None:
        raise SignInRequired
    return viewer


async def _apis(request: Request, viewer: Annotated[Viewer, Depends(_viewer)]) -> Apis:
    apis_for: ApisFor = request.app.state.apis_for
    return apis_for(request, viewer)


async def _public_survey(request: Request) -> PublicSurvey:
    public_for: PublicSurveyFor = request.app.state.public_survey_for
    return public_for(request)


RenderDep = Annotated[Renderer, Depends(_renderer)]
ViewerDep = Annotated[Viewer, Depends(_viewer)]
ApisDep = Annotated[Apis, Depends(_apis)]
PublicSurveyDep = Annotated[PublicSurvey, Depends(_public_survey)]


def require_page(viewer: Viewer, path: str) -> None:
    if not may_open(viewer.roles, path):
        raise NotAuthorised(path)


def require_csrf(request: Request, submitted: str) -> None:
    """A form that changes something carries the session's token; else nothing happens."""
    if not csrf_valid(request, submitted):
        raise NotAuthorised("csrf")


def redirect(path: str) -> Response:
    return RedirectResponse(path, status.HTTP_303_SEE_OTHER)


def why(refused: Exception) -> str:
    if isinstance(refused, ServiceUnavailable):
        return f"Layanan {layanan(refused.service)} sedang tidak tersedia; coba lagi nanti."
    return str(refused)
