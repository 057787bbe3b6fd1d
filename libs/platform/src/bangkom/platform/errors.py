"""Errors the service layer raises; the web edge maps them to HTTP statuses.

``code`` is the stable machine code the error body carries: the class's, or a more
precise one the raiser names (``InvalidInput(..., code="agency_unknown")``); ``field``,
where given, names the field at fault (``InvalidInput("... belum tiba", field="on")``).
"""

from __future__ import annotations


class ServiceError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        if code is not None:
            self.code = code


class NotFound(ServiceError):
    """Absent, or outside the caller's scope (we do not reveal which)."""

    status_code = 404
    code = "not_found"


class AccessDenied(ServiceError):
    status_code = 403
    code = "forbidden"


class Conflict(ServiceError):
    status_code = 409
    code = "conflict"


class InvalidInput(ServiceError):
    status_code = 422
    code = "invalid_input"
