"""The FastAPI application every service builds on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from fastapi import Depends, FastAPI, Request, Response, status
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bangkom.platform.audit.api import audit_router
from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.bus import MessageBus
from bangkom.platform.web.bodies import refuse_coerced_json
from bangkom.platform.web.errors import ErrorKinds, install_error_handlers
from bangkom.platform.web.middleware import RequestMetricsMiddleware
from bangkom.platform.web.openapi import document_errors
from bangkom.platform.web.parameters import refuse_control_characters
from bangkom.platform.web.personal_data import personal_data_router
from bangkom.platform.web.routing import ServiceRouter

ReadinessProbe = Callable[[], Awaitable[dict[str, bool]]]


class _ServiceApi(FastAPI):
    """A FastAPI application whose OpenAPI document gives every error as ErrorPublic."""

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema is None:
            self.openapi_schema = document_errors(super().openapi())
        return self.openapi_schema


async def _refuse_malformed_input(request: Request) -> None:
    """What every route refuses, as one dependency: each is solved on every request."""
    await refuse_control_characters(request)
    await refuse_coerced_json(request)


async def _not_ready() -> dict[str, bool]:
    return {"started": False}


def create_app(
    *,
    title: str,
    description: str,
    routers: Sequence[ServiceRouter],
    verifier: TokenVerifier,
    bus: MessageBus[Any],
    errors: ErrorKinds | None = None,
    version: str = "1.0.0",
) -> FastAPI:
    """Routers of the service plus /audit, /personal-data, /healthz, /readyz and /metrics.

    ``errors`` maps the service's domain exceptions to their status and meaning: domain
    errors become HTTP errors here, at the edge, and nowhere else. Every error response,
    these, the service layer's (bangkom.platform.errors), FastAPI's and Starlette's, is
    an ErrorPublic. No route takes a parameter holding a control character, nor a JSON
    body whose values have other types than its OpenAPI document gives (web.bodies).
    """
    app = _ServiceApi(
        title=title,
        description=description,
        version=version,
        dependencies=[Depends(_refuse_malformed_input)],
        # Spans and request metrics are RequestMetricsMiddleware's (observability);
        # FastAPI's own would look up OpenTelemetry's global providers on every request
        # (issue 19's profile), and make a second server span were one set.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.token_verifier = verifier
    app.state.bus = bus
    app.state.readiness = _not_ready
    app.add_middleware(RequestMetricsMiddleware)
    for router in routers:
        app.include_router(router)
    # These read app.state.database and .personal_tables, set by assemble_service.
    app.include_router(audit_router())
    app.include_router(personal_data_router())
    app.include_router(_probes())
    install_error_handlers(app, errors or {})
    return app


def _probes() -> ServiceRouter:
    router = ServiceRouter(tags=["operations"])

    @router.get("/healthz", summary="Liveness: the process answers")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get(
        "/readyz",
        summary="Readiness: the database and Kafka answer",
        responses={503: {"description": "Not ready; the body says which dependency fails"}},
    )
    async def readyz(request: Request) -> JSONResponse:
        checks = await request.app.state.readiness()
        ready = bool(checks) and all(checks.values())
        return JSONResponse(
            {"ready": ready, "checks": checks},
            status_code=status.HTTP_200_OK if ready else status.HTTP_503_SERVICE_UNAVAILABLE,
        )

    @router.get("/metrics", summary="Prometheus metrics", response_class=Response)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router
