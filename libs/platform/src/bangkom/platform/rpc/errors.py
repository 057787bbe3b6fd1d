"""The service layer's errors as gRPC status codes (REST's are in web/errors.py)."""

from __future__ import annotations

import grpc

from bangkom.platform.errors import AccessDenied, Conflict, InvalidInput, NotFound, ServiceError

GRPC_STATUS: dict[type[ServiceError], grpc.StatusCode] = {
    NotFound: grpc.StatusCode.NOT_FOUND,
    AccessDenied: grpc.StatusCode.PERMISSION_DENIED,
    Conflict: grpc.StatusCode.FAILED_PRECONDITION,
    InvalidInput: grpc.StatusCode.INVALID_ARGUMENT,
}


def status_of(error: ServiceError) -> grpc.StatusCode:
    return GRPC_STATUS.get(type(error), grpc.StatusCode.FAILED_PRECONDITION)
