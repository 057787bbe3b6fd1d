"""What every route's path and query parameters must be, whatever the route.

Parameters are codes, NIPs, ids and search words: none holds a control character, and
PostgreSQL refuses NUL in text outright (a 500 where SQLite stores it). The app takes
this as a dependency of every route, so a new route cannot miss it.
"""

from __future__ import annotations

import re

from fastapi import Request
from fastapi.exceptions import RequestValidationError

from bangkom.platform.catalog.types import control_characters

# The largest integer every database here stores (PostgreSQL's INTEGER): an integer a
# request carries is bounded by it or less, so that the database never refuses one.
INT_MAX = 2**31 - 1
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_CONTROL_BYTES = re.compile(b"[\x00-\x1f\x7f]")


async def refuse_control_characters(request: Request) -> None:
    """A 422 naming each path or query parameter that holds a control character."""
    scope = request.scope
    query: bytes = scope.get("query_string", b"")
    if not (_CONTROL.search(scope["path"]) or b"%" in query or _CONTROL_BYTES.search(query)):
        # Nothing decoded from this path and query can hold one: the common case,
        # answered without parsing the query (issue 19).
        return
    given = [("path", name, value) for name, value in request.path_params.items()]
    given += [("query", name, value) for name, value in request.query_params.multi_items()]
    errors = [
        {
            "type": "control_character",
            "loc": (where, name),
            "msg": f"must not contain control characters ({', '.join(bad)})",
            "input": value,
        }
        for where, name, value in given
        if isinstance(value, str) and (bad := control_characters(value))
    ]
    if errors:
        raise RequestValidationError(errors)
