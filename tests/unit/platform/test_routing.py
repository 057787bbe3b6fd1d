"""A ServiceRouter answers every path as FastAPI's APIRouter answers it, included with or
without a prefix; it only says NONE sooner for a path none of its routes can be."""

from __future__ import annotations

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import Scope

from bangkom.platform.web.routing import ServiceRouter

PATHS = [
    "/results",
    "/results/",
    "/results/batch",
    "/results/abc",
    "/results.csv",
    "/resultsx",
    "/employees/123/gaps",
    "/employees.xlsx",
    "/v1/results/batch",
    "/v1/employees.csv",
    "/other",
    "/",
]


def _app(router_class: type[APIRouter], include_prefix: str) -> FastAPI:
    results = router_class(prefix="/results")

    @results.get("")
    async def listed() -> str:
        return "list"

    @results.post("/batch")
    async def batch() -> str:
        return "batch"

    @results.get("/{result_id}")
    async def one(result_id: str) -> str:
        return f"one {result_id}"

    reports = router_class()

    @reports.get("/employees.{file_format}")
    async def report(file_format: str) -> str:
        return f"report {file_format}"

    @reports.get("/employees/{nip}/gaps")
    async def gaps(nip: str) -> str:
        return f"gaps {nip}"

    app = FastAPI()
    app.include_router(results, prefix=include_prefix)
    app.include_router(reports, prefix=include_prefix)
    return app


@pytest.mark.parametrize("include_prefix", ["", "/v1"])
async def test_every_path_is_answered_as_fastapi_answers_it(include_prefix: str) -> None:
    answers: dict[type[APIRouter], list[tuple[str, str, int, str]]] = {}
    for router_class in (APIRouter, ServiceRouter):
        transport = httpx.ASGITransport(app=_app(router_class, include_prefix))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            answers[router_class] = [
                (method, path, response.status_code, response.text)
                for path in PATHS
                for method in ("GET", "POST")
                for response in [await client.request(method, path)]
            ]
    assert answers[ServiceRouter] == answers[APIRouter]
    # The table means something: both found routes, refused methods and missed paths.
    assert {status for _, _, status, _ in answers[ServiceRouter]} >= {200, 404, 405}


async def test_a_path_none_of_the_routes_can_be_tries_none_of_them() -> None:
    tried: list[str] = []

    class CountingRoute(APIRoute):
        def matches(self, scope: Scope) -> tuple[Match, Scope]:
            tried.append(self.path)
            return super().matches(scope)

    results = ServiceRouter(prefix="/results", route_class=CountingRoute)

    @results.get("/{result_id}")
    async def one(result_id: str) -> str:
        return result_id

    app = FastAPI()
    app.include_router(results)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert (await client.get("/employees/1")).status_code == 404
        assert tried == []
        assert (await client.get("/results/1")).text == '"1"'
        assert tried  # the path that can be one is tried
