"""A JSON request body is validated as JSON, strictly, on every route, and holds no NUL.

FastAPI validates a body as Python data, leniently: ``false`` passes as the number 0,
``0`` as a boolean or as 1970-01-01, ``"5"`` as an integer. Such a request breaks the
OpenAPI document it was sent against and stores what no client meant. The app takes
this check as a dependency of every route, so a new route cannot miss it. No string of
a body holds NUL either: PostgreSQL refuses it in text (a 500 there, stored on SQLite).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError

# Types a JSON string carries. Their text is checked by FastAPI's own validation, which
# follows; a validator of the field (catalog.types.Day: ISO 8601 only) hands strict
# validation a Python string, which it refuses as the wrong type.
_TEXT_TYPES = {"date_type", "datetime_type"}


async def refuse_coerced_json(request: Request) -> None:
    """A 422 naming each field of the body whose JSON type is not the one documented."""
    route = request.scope.get("route")
    field = route.body_field if isinstance(route, APIRoute) else None
    model = field.field_info.annotation if field is not None else None
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return
    if not request.headers.get("content-type", "").startswith("application/json"):
        return
    body = await request.body()
    if not body:
        return  # FastAPI answers a missing body itself
    if nul := await _nul_errors(request, body):
        raise RequestValidationError(nul)
    try:
        model.model_validate_json(body, strict=True)
    except ValidationError as exc:
        errors = [
            {**error, "loc": ("body", *error["loc"])}
            for error in exc.errors(include_url=False, include_context=False)
            if not (error["type"] in _TEXT_TYPES and isinstance(error["input"], str))
        ]
        if errors:
            raise RequestValidationError(errors) from None


async def _nul_errors(request: Request, body: bytes) -> list[dict[str, Any]]:
    """JSON writes a NUL as \\u0000 (a raw one is invalid JSON): only a body holding that
    text is walked; one that is not JSON at all is the strict validation's to answer."""
    if b"\\u0000" not in body:
        return []
    try:
        parsed = await request.json()
    except ValueError:
        return []
    return [
        {
            "type": "control_character",
            "loc": loc,
            "msg": "must not contain control characters (U+0000)",
        }
        for loc in _nul_locations(parsed, ("body",))
    ]


def _nul_locations(value: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
    """Where in parsed JSON a string (a value or a key) holds NUL."""
    if isinstance(value, str) and "\x00" in value:
        yield loc
    elif isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in key:
                yield (*loc, key)
            else:
                yield from _nul_locations(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nul_locations(item, (*loc, index))
