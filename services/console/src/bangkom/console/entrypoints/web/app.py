"""The console's web application: session and static files, a router per area, and
the two ways a page ends early (nobody signed in: to /masuk; not the person's to see:
"tidak berwenang"). The data's scope is decided by the services' APIs, called with
the person's own token."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from bangkom.console.config import ConsoleSettings
from bangkom.console.entrypoints.web.pages import (
    HERE,
    ApisFor,
    Renderer,
    SignInRequired,
    redirect,
)
from bangkom.console.entrypoints.web.routes import (
    dashboard,
    employees,
    imports,
    proposals,
    signin,
)
from bangkom.console.handlers.ports import NotAuthorised

TokenMinter = Callable[..., str]


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
    app.state.settings = settings
    app.state.apis_for = apis_for
    app.state.mint = mint
    app.state.renderer = renderer = Renderer()
    for area in (signin, dashboard, employees, proposals, imports):
        app.include_router(area.router)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    async def to_sign_in(_request: Request, _exc: Exception) -> Response:
        return redirect("/masuk")

    async def not_authorised(request: Request, _exc: Exception) -> Response:
        return renderer.not_authorised(request)

    app.add_exception_handler(SignInRequired, to_sign_in)
    app.add_exception_handler(NotAuthorised, not_authorised)
    return app
