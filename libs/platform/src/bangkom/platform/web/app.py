"""The FastAPI application every service builds on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response, status
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.bus import MessageBus
from bangkom.platform.errors import SERVICE_ERROR_STATUSES
from bangkom.platform.web.middleware import RequestMetricsMiddleware

ReadinessProbe = Callable[[], Awaitable[dict[str, bool]]]
ErrorStatuses = Mapping[type[Exception], int]


async def _not_ready() -> dict[str, bool]:
    return {"started": False}


def create_app(
    *,
    title: str,
    description: str,
    routers: Sequence[APIRouter],
    verifier: TokenVerifier,
    bus: MessageBus[Any],
    error_statuses: ErrorStatuses | None = None,
    version: str = "1.0.0",
) -> FastAPI:
    """Routers of the service plus /healthz, /readyz and /metrics.

    ``error_statuses`` maps domain exceptions to HTTP status codes: domain errors
    become HTTP errors here, at the edge, and nowhere else.
    """
    app = FastAPI(title=title, description=description, version=version)
    app.state.token_verifier = verifier
    app.state.bus = bus
    app.state.readiness = _not_ready
    app.add_middleware(RequestMetricsMiddleware)
    for router in routers:
        app.include_router(router)
    app.include_router(_probes())
    for error, code in {**SERVICE_ERROR_STATUSES, **(error_statuses or {})}.items():
        app.add_exception_handler(error, _domain_error_handler(code))
    return app


def _domain_error_handler(code: int) -> Callable[[Request, Exception], Awaitable[Response]]:
    async def handle(_request: Request, exc: Exception) -> Response:
        body: dict[str, Any] = {"detail": str(exc), "error": type(exc).__name__}
        return JSONResponse(body, status_code=code)

    return handle


def _probes() -> APIRouter:
    router = APIRouter(tags=["operations"])

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
