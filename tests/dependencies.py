"""Which route dependencies FastAPI would run in its thread pool.

A plain ``def`` dependency runs in a worker thread: a thread hop on every request for
what is mostly an attribute lookup (issue 19: ~5 % of a small read's CPU). Every
dependency of the apps is ``async def``; the tests of the API contract and of the
console walk each route's dependency tree with this.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts


def _calls(dependant: Any) -> Iterator[Any]:
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from _calls(dependency)


def _on_the_loop(call: Any) -> bool:
    # An instance such as HTTPBearer is called through its async __call__.
    return inspect.iscoroutinefunction(call) or inspect.iscoroutinefunction(
        getattr(call, "__call__", None)  # noqa: B004
    )


def threaded_dependencies(app: FastAPI) -> list[str]:
    """'METHOD path: dependency' for each dependency that would run in a thread."""
    found = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute):
            for call in _calls(route.dependant):
                if not _on_the_loop(call):
                    name = getattr(call, "__qualname__", repr(call))
                    found.append(f"{sorted(route.methods)} {context.path}: {name}")
    return found
