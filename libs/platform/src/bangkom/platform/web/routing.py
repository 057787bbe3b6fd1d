"""A router that says at once when a path cannot be one of its routes.

FastAPI asks every included router in turn whether it holds a request's path, and each
answers by trying every route it has (a few microseconds a route): evaluation's POST
/results, in its seventh router, paid more to be found than its body cost to validate
(issue 19). A route's path holds the text before its first parameter, so a path that
holds none of those beginnings is none of the router's routes. ``in``, not
``startswith``: it stays true under any prefix the router is included with.

Its routes are DirectRoutes: those that need no dependency solving get none (web.direct).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import Scope

from bangkom.platform.web.direct import DirectRoute


class ServiceRouter(APIRouter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("route_class", DirectRoute)
        super().__init__(*args, **kwargs)
        self._beginnings: tuple[int, tuple[str, ...]] = (0, ())  # (routes, beginnings)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        beginnings = self._route_beginnings()
        path = scope.get("path", "")
        if beginnings and not any(beginning in path for beginning in beginnings):
            return Match.NONE, {}
        return super().matches(scope)

    def _route_beginnings(self) -> tuple[str, ...]:
        """Empty when a route is not an APIRoute (then every path is tried)."""
        routes = self.routes
        counted, beginnings = self._beginnings
        if counted != len(routes):
            paths = [route.path for route in routes if isinstance(route, APIRoute)]
            whole = len(paths) == len(routes)
            beginnings = tuple({path.split("{", 1)[0] for path in paths}) if whole else ()
            self._beginnings = (len(routes), beginnings)
        return beginnings
