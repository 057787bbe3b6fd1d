"""Routes whose parameters need no solving: their dependencies are called in order.

FastAPI hands every request to a general solver: sub-dependencies, their cache and
scopes, the validation of each parameter. For the hot reads that cost more than their
query (issue 19's profile of GET /employees/{nip}/gaps: a fifth of the CPU). A route
whose dependencies each take the request alone (or nothing), whose path parameters are
plain text and whose endpoint answers with a Response of its own needs none of it: its
handler awaits each dependency in order, then the endpoint with the path parameters as
matched. The route is otherwise an APIRoute, so its OpenAPI document is the same; a
route that needs more is FastAPI's as before, and so is every route while an
application's dependencies are overridden (tests).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import get_typed_return_annotation
from fastapi.routing import APIRoute, _effective_route_context_var
from starlette.convertors import PathConvertor, StringConvertor

Handler = Callable[[Request], Coroutine[Any, Any, Response]]
# A dependency: the parameter it fills (None: called for its checks only), the callable,
# the name under which it takes the request (None: it takes nothing), and whether its
# value is reused when the request asks for it again.
_Call = tuple[str | None, Callable[..., Any], str | None, bool]


class DirectRoute(APIRoute):
    def get_route_handler(self) -> Handler:
        # The dependant with the application's and the router's dependencies, as
        # APIRoute.get_route_handler takes it when the route is included.
        context = _effective_route_context_var.get()
        route: Any = context if context is not None and context.original_route is self else self
        fastapis = super().get_route_handler()
        if route.dependant is None or not _text_convertors(route.param_convertors):
            return fastapis
        direct = direct_handler(route.dependant)
        if direct is None:
            return fastapis
        overrides = route.dependency_overrides_provider

        async def handle(request: Request) -> Response:
            if overrides is not None and getattr(overrides, "dependency_overrides", None):
                return await fastapis(request)  # dependencies replaced (tests): FastAPI's
            return await direct(request)

        return handle


def direct_handler(dependant: Dependant) -> Handler | None:
    """The handler that calls ``dependant``'s dependencies and endpoint directly, or None
    when one of them needs FastAPI's solver."""
    endpoint = dependant.call
    if endpoint is None or not _takes_only_the_request(dependant, path_params=True):
        return None
    if not inspect.iscoroutinefunction(endpoint) or not _answers_itself(endpoint):
        return None
    calls: list[_Call] = []
    for sub in dependant.dependencies:
        if sub.call is None or sub.dependencies or not _takes_only_the_request(sub):
            return None
        if not _is_coroutine(sub.call) or sub.concurrency is not None:
            return None
        calls.append((sub.name, sub.call, sub.request_param_name, sub.use_cache))
    path_names = [(field.name, field.alias) for field in dependant.path_params]
    if not all(_plain_text(field) for field in dependant.path_params):
        return None
    request_name = dependant.request_param_name

    async def handle(request: Request) -> Response:
        values: dict[str, Any] = {}
        solved: dict[Callable[..., Any], Any] = {}  # once per request, as FastAPI's cache
        for name, call, takes_request, cached in calls:
            if cached and call in solved:
                value = solved[call]
            else:
                value = await (call(**{takes_request: request}) if takes_request else call())
                solved[call] = value
            if name is not None:
                values[name] = value
        matched = request.path_params
        for name, alias in path_names:
            values[name] = matched[alias]
        if request_name is not None:
            values[request_name] = request
        response = await endpoint(**values)
        if not isinstance(response, Response):
            raise TypeError(f"{endpoint.__qualname__} must answer with a Response")
        return response

    return handle


def _takes_only_the_request(dependant: Dependant, *, path_params: bool = False) -> bool:
    return not (
        (dependant.path_params and not path_params)
        or dependant.query_params
        or dependant.header_params
        or dependant.cookie_params
        or dependant.body_params
        or dependant.websocket_param_name
        or dependant.http_connection_param_name
        or dependant.response_param_name
        or dependant.background_tasks_param_name
        or dependant.security_scopes_param_name
    )


def _is_coroutine(call: Callable[..., Any]) -> bool:
    """A coroutine function, or an object whose __call__ is one (a security scheme);
    not a generator (a dependency with yield needs FastAPI's exit stacks)."""
    if inspect.isroutine(call):
        return inspect.iscoroutinefunction(call)
    return inspect.iscoroutinefunction(type(call).__call__)


def _answers_itself(endpoint: Callable[..., Any]) -> bool:
    returned = get_typed_return_annotation(endpoint)
    return inspect.isclass(returned) and issubclass(returned, Response)


def _text_convertors(convertors: dict[str, Any]) -> bool:
    """Path parameters matched as text (``{nip}``, ``{file:path}``), not as ``{n:int}``."""
    return all(isinstance(c, StringConvertor | PathConvertor) for c in convertors.values())


def _plain_text(field: Any) -> bool:
    info = field.field_info
    return info.annotation is str and not info.metadata
