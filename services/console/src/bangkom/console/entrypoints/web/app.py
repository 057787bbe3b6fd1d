"""The console's web application: session and static files, a router per area, and
the ways a page ends early (nobody signed in, or an API refused the person's token: to
/masuk; not the person's to see: "tidak berwenang"). The data's scope is decided by the
services' APIs, called with the person's own token."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.middleware.sessions import SessionMiddleware

from bangkom.console.config import ConsoleSettings
from bangkom.console.entrypoints.web.pages import (
    HERE,
    ApisFor,
    PublicSurveyFor,
    Renderer,
    SignInRequired,
    redirect,
)
from bangkom.console.entrypoints.web.routes import (
    catalog,
    dashboard,
    dictionary,
    employees,
    evaluations,
    imports,
    proposals,
    questionnaire,
    satisfaction,
    signin,
    sso,
    surveys,
)
from bangkom.console.entrypoints.web.session import flash, sign_out
from bangkom.console.handlers.ports import IdentityProvider, NotAuthorised, SessionExpired
from bangkom.platform.web.middleware import RequestMetricsMiddleware

TokenMinter = Callable[..., str]
AREAS = (
    signin,
    sso,
    dashboard,
    employees,
    proposals,
    surveys,
    questionnaire,
    satisfaction,
    catalog,
    evaluations,
    dictionary,
    imports,
)
SESSION_ENDED = "Sesi Anda telah berakhir; silakan masuk lagi."


def create_web(
    settings: ConsoleSettings,
    apis_for: ApisFor,
    mint: TokenMinter,
    identity_provider: IdentityProvider | None = None,
    *,
    public_survey_for: PublicSurveyFor,
) -> FastAPI:
    app = FastAPI(title="bangkom console", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_secret.get_secret_value(),
        session_cookie="bangkom_console",
        max_age=settings.session_max_age_s,
        same_site="lax",
        https_only=settings.environment == "production",
    )
    app.add_middleware(RequestMetricsMiddleware)  # by route template, like the services
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.settings = settings
    app.state.apis_for = apis_for
    app.state.mint = mint
    app.state.identity_provider = identity_provider
    app.state.public_survey_for = public_survey_for
    app.state.renderer = renderer = Renderer()
    for area in AREAS:
        app.include_router(area.router)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    async def to_sign_in(_request: Request, _exc: Exception) -> Response:
        return redirect("/masuk")

    async def signed_out(request: Request, _exc: Exception) -> Response:
        # The session outlives its token (or the services' key changed): without this
        # every page would fail until the cookie expires.
        sign_out(request)
        flash(request, SESSION_ENDED, error=True)
        return redirect("/masuk")

    async def not_authorised(request: Request, _exc: Exception) -> Response:
        return renderer.not_authorised(request)

    async def failed(request: Request, _exc: Exception) -> Response:
        # Starlette still logs the exception; the person reads a page, not plain text.
        return renderer.failed(request)

    app.add_exception_handler(SignInRequired, to_sign_in)
    app.add_exception_handler(SessionExpired, signed_out)
    app.add_exception_handler(NotAuthorised, not_authorised)
    app.add_exception_handler(Exception, failed)
    return app
