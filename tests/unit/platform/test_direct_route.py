"""A DirectRoute answers as FastAPI's APIRoute answers, and calls its dependencies
directly only when none of them needs FastAPI's solver."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import httpx
import pytest
from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.routing import APIRoute, APIRouter

from bangkom.platform.web import direct
from bangkom.platform.web.direct import DirectRoute

CALLS: list[str] = []


async def checked(request: Request) -> None:
    CALLS.append("checked")
    if "refuse" in request.url.path:
        raise HTTPException(418, "refused by a dependency")


async def who(request: Request) -> str:
    return request.headers.get("x-who", "nobody")


async def scoped() -> AsyncIterator[str]:
    yield "scoped"


Who = Annotated[str, Depends(who)]


async def counted(request: Request) -> int:
    request.state.count = getattr(request.state, "count", 0) + 1
    return int(request.state.count)


def _app(route_class: type[APIRoute]) -> FastAPI:
    router = APIRouter(prefix="/employees", route_class=route_class)

    @router.get("/{nip}/gaps")
    async def gaps(nip: str, caller: Who, request: Request) -> Response:
        return Response(f"{nip} for {caller} at {request.url.path}", status_code=203)

    @router.get("/{nip}/paged")
    async def paged(nip: str, caller: Who, page: Annotated[int, Query()] = 1) -> Response:
        return Response(f"{nip} page {page} for {caller}")

    @router.get("/{nip}/modelled")
    async def modelled(nip: str) -> dict[str, str]:
        return {"nip": nip}

    @router.get("/{nip}/yielded")
    async def yielded(nip: str, value: Annotated[str, Depends(scoped)]) -> Response:
        return Response(f"{nip} {value}")

    @router.get("/{level}/numbered")
    async def numbered(level: int) -> Response:
        return Response(f"level {level + 1}")

    @router.get("/{level:int}/converted")
    async def converted(level: str) -> Response:
        return Response(f"level {level!r}")

    @router.get("/{nip}/counted", dependencies=[Depends(counted)])
    async def twice(nip: str, count: Annotated[int, Depends(counted)]) -> Response:
        return Response(f"{nip} asked {count} time(s)")

    app = FastAPI(dependencies=[Depends(checked)])
    app.include_router(router, prefix="/v1")
    return app


REQUESTS = [
    ("/v1/employees/198503152010012003/gaps", {"x-who": "operator"}),
    ("/v1/employees/198503152010012003/gaps", {}),
    ("/v1/employees/refuse/gaps", {}),
    ("/v1/employees/1/paged?page=2", {"x-who": "operator"}),
    ("/v1/employees/1/paged?page=two", {}),
    ("/v1/employees/1/modelled", {}),
    ("/v1/employees/1/yielded", {}),
    ("/v1/employees/3/numbered", {}),
    ("/v1/employees/three/numbered", {}),
    ("/v1/employees/7/converted", {}),
    ("/v1/employees/1/counted", {}),
]


@pytest.mark.parametrize(("path", "headers"), REQUESTS)
async def test_answers_as_fastapi_does(path: str, headers: dict[str, str]) -> None:
    answers = []
    for route_class in (APIRoute, DirectRoute):
        transport = httpx.ASGITransport(app=_app(route_class))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.get(path, headers=headers)
        answers.append((response.status_code, response.text, response.headers.get("content-type")))
    assert answers[0] == answers[1]


async def test_the_application_dependencies_run_before_the_endpoint() -> None:
    CALLS.clear()
    transport = httpx.ASGITransport(app=_app(DirectRoute))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert (await client.get("/v1/employees/refuse/gaps")).status_code == 418
        assert (await client.get("/v1/employees/1/gaps")).status_code == 203
    assert CALLS == ["checked", "checked"]


def test_only_routes_that_need_no_solving_are_direct(monkeypatch: pytest.MonkeyPatch) -> None:
    handled: dict[str, bool] = {}
    original = direct.direct_handler

    def recording(dependant):  # type: ignore[no-untyped-def]
        handler = original(dependant)
        handled[dependant.call.__name__] = handler is not None
        return handler

    monkeypatch.setattr(direct, "direct_handler", recording)
    _app(DirectRoute)
    assert handled == {
        "gaps": True,
        "paged": False,  # a query parameter
        "modelled": False,  # FastAPI serializes what it returns
        "yielded": False,  # a dependency with yield
        "numbered": False,  # a path parameter that is not text
        "twice": True,
    }  # "converted": its path convertor is not text, so the route keeps FastAPI's


async def test_overridden_dependencies_are_fastapis_to_solve() -> None:
    async def nobody_else(request: Request) -> str:
        return "the test's caller"

    app = _app(DirectRoute)
    app.dependency_overrides[who] = nobody_else
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get("/v1/employees/1/gaps", headers={"x-who": "operator"})
    assert response.text == "1 for the test's caller at /v1/employees/1/gaps"


def test_the_openapi_document_is_the_same() -> None:
    assert _app(DirectRoute).openapi() == _app(APIRoute).openapi()
