"""Errors the service layer raises; the web edge maps them to HTTP statuses."""

from __future__ import annotations


class ServiceError(Exception):
    status_code = 400


class NotFound(ServiceError):
    """Absent, or outside the caller's scope (we do not reveal which)."""

    status_code = 404


class AccessDenied(ServiceError):
    status_code = 403


class Conflict(ServiceError):
    status_code = 409


class InvalidInput(ServiceError):
    status_code = 422


SERVICE_ERROR_STATUSES: dict[type[Exception], int] = {
    cls: cls.status_code for cls in (NotFound, AccessDenied, Conflict, InvalidInput)
}
