"""The error body of every 4xx, documented on each route."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    detail: str = Field(description="What was wrong, naming the field or value")
    error: str = Field(description="NotFound, AccessDenied, Conflict or InvalidInput")


class InvalidInputBody(BaseModel):
    """Either a request that did not validate (a list: loc names the field, msg the
    reason) or a domain rule it broke (a sentence naming the field)."""

    detail: str | list[dict[str, Any]]
    error: str | None = Field(default=None, description="InvalidInput for a domain rule")


_MEANING = {
    401: "Missing or invalid bearer token",
    403: "The caller's role may not do this",
    404: "Absent, or outside the caller's agencies (the two look the same)",
    409: "The current state does not allow it (the detail says why)",
    422: "Invalid input (the detail names the field and the reason)",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses for the given error status codes (401 always)."""
    return {
        code: {
            "model": InvalidInputBody if code == 422 else ErrorBody,
            "description": _MEANING[code],
        }
        for code in sorted({401, *codes})
    }
