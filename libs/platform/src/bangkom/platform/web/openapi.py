"""The OpenAPI document every service publishes: each route's errors are ErrorPublic.

FastAPI documents a 422 of its own (HTTPValidationError) on routes that take
parameters and nothing else; here every route gets the errors it can answer with by
default, each of them, and those a route documents itself, an ErrorPublic.
"""

from __future__ import annotations

from typing import Any

from bangkom.platform.web.errors import MEANINGS, ErrorPublic

REF = "#/components/schemas/"
FASTAPI_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")


def default_error_statuses(method: str, operation: dict[str, Any]) -> set[int]:
    """401 and 403 where a token is taken (refused; a token without any of bangkom's
    roles, or a role check of the handler); 404 where a path parameter names something;
    422 where there is input to validate; 400 (not readable: not UTF-8, a broken form)
    and 413 (too large, web.limits) where a request body is taken."""
    statuses: set[int] = set()
    parameters = operation.get("parameters", [])
    if operation.get("security"):
        statuses.update((401, 403))
    if any(p.get("in") == "path" for p in parameters):
        statuses.add(404)
    if parameters or "requestBody" in operation:
        statuses.add(422)
    if "requestBody" in operation:
        statuses.update((400, 413))
    return statuses


def document_errors(document: dict[str, Any]) -> dict[str, Any]:
    """Point every 4xx response of ``document`` at ErrorPublic, add the default ones,
    and drop FastAPI's validation error schemas; changes ``document`` in place."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    error = ErrorPublic.model_json_schema(mode="serialization", ref_template=REF + "{model}")
    # The platform's own rendering, the same in every service, replaces FastAPI's.
    schemas.update(error.pop("$defs", {}))
    schemas[ErrorPublic.__name__] = error
    ref = REF + ErrorPublic.__name__
    for operations in document.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status in default_error_statuses(method, operation):
                responses.setdefault(str(status), {})
            for status, response in responses.items():
                if not status.startswith("4"):
                    continue
                if not response.get("description") or response["description"] in (
                    "Validation Error",
                    "Additional Response",
                ):
                    meaning = MEANINGS.get(int(status)) if status.isdigit() else None
                    response["description"] = meaning or "Error"
                response["content"] = {"application/json": {"schema": {"$ref": ref}}}
            operation["responses"] = dict(sorted(responses.items()))
    for name in FASTAPI_VALIDATION_SCHEMAS:
        schemas.pop(name, None)
    return document
