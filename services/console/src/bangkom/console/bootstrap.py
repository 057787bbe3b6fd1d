"""The only place that wires the console: its settings, the services' APIs over one
HTTP client (opened when the app starts, closed when it stops), the token minter."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

import httpx
from fastapi import FastAPI, Request

from bangkom.console.adapters.apis import HttpApis
from bangkom.console.adapters.oidc import OidcClient
from bangkom.console.adapters.public_survey import PublicSurveyApi
from bangkom.console.adapters.tokens import development_token
from bangkom.console.config import ConsoleSettings
from bangkom.console.entrypoints.web.app import create_web
from bangkom.console.handlers.ports import Apis, PublicSurvey
from bangkom.console.handlers.viewer import Viewer

# The one client's pool keeps connections to each service between pages: Beranda alone
# has seven in flight at once, so httpx's default of 20 idle ones would reconnect as soon
# as a few people wait on pages together. An idle connection is dropped a second before
# the services' keep-alive (uvicorn's 5 s) would close it under a request.
POOL = httpx.Limits(max_connections=200, max_keepalive_connections=100, keepalive_expiry=4.0)


def bootstrap(settings: ConsoleSettings | None = None) -> FastAPI:
    settings = settings or ConsoleSettings()

    def apis_for(request: Request, viewer: Viewer) -> Apis:
        return HttpApis(request.app.state.http, settings.service_urls, viewer.token)

    provider = (
        OidcClient(settings.oidc_issuer, settings.oidc_client_id) if settings.oidc_issuer else None
    )

    def public_survey_for(request: Request) -> PublicSurvey:
        visitor = request.client.host if request.client else "unknown"
        return PublicSurveyApi(request.app.state.http, settings.survey_url, visitor)

    app = create_web(
        settings,
        apis_for,
        partial(development_token, settings),
        provider,
        public_survey_for=public_survey_for,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        async with httpx.AsyncClient(timeout=settings.api_timeout_s, limits=POOL) as client:
            app.state.http = client
            yield

    app.router.lifespan_context = lifespan
    return app
