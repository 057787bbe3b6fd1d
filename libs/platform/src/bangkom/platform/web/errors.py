"""One error body for every error of every service: ``ErrorPublic``.

``code`` is stable and for programs (snake_case), ``message`` is for a person: a
sentence in Bahasa Indonesia for the code, then the reason the error carries.
``field`` names the field or parameter at fault where one is; a request that did not
validate lists each field in ``errors``.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from http.client import responses as reason_phrases
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException

from bangkom.platform.errors import ServiceError

# What each code means, for a person; the reason of the error follows it.
SENTENCES: dict[str, str] = {
    "bad_request": "Permintaan tidak dapat diproses",
    "unauthorized": "Permintaan ini memerlukan token bearer yang sah",
    "invalid_token": "Token bearer ditolak",
    "insufficient_scope": "Akun ini tidak memiliki peran di bangkom",
    "forbidden": "Anda tidak berwenang melakukan tindakan ini",
    "not_found": "Data tidak ditemukan atau berada di luar cakupan Anda",
    "method_not_allowed": "Metode HTTP ini tidak didukung pada alamat ini",
    "conflict": "Keadaan data saat ini tidak mengizinkan permintaan ini",
    "payload_too_large": "Isi permintaan terlalu besar",
    "too_many_requests": "Terlalu banyak permintaan dari alamat ini; coba lagi sebentar lagi",
    "invalid_input": "Masukan tidak valid",
    "validation_failed": "Permintaan tidak lolos validasi",
    "internal_error": "Terjadi kesalahan pada server; silakan coba lagi nanti",
    "service_unavailable": "Layanan sementara tidak tersedia; silakan coba lagi nanti",
}
# An HTTP error without a reason of its own (e.g. a path no route serves).
_BARE_SENTENCES = {404: "Alamat ini tidak ada pada API ini"}
# Reasons FastAPI gives in English, as a person reads them.
_FRAMEWORK_REASONS = {
    "There was an error parsing the body": "isi permintaan tidak dapat dibaca "
    "(bukan JSON dalam UTF-8, atau formulir yang rusak)",
}
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    429: "too_many_requests",
    422: "invalid_input",
    503: "service_unavailable",
}
# What each status means on a route, for the OpenAPI document.
MEANINGS: dict[int, str] = {
    400: "The request body cannot be read (not UTF-8 JSON, or a broken form)",
    401: "Missing or invalid bearer token",
    403: "The caller's role or scope does not allow this",
    404: "Absent, or outside the caller's scope (the two look the same)",
    405: "The method is not allowed on this path",
    409: "The current state does not allow it (the message says why)",
    413: "The request body is too large",
    429: "Too many requests from this client: retry after `Retry-After` seconds",
    422: "Invalid input: `field` (or each of `errors`) names the field and the reason",
}


class FieldErrorPublic(BaseModel):
    field: str = Field(description="The field at fault: body.level, query.limit, path.nip, ...")
    code: str = Field(description="What is wrong, as a stable code (missing, less_than_equal, ...)")
    message: str = Field(description="Why, for a person")


class ErrorPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": "invalid_nip",
                    "message": "NIP atau NI PPPK tidak valid: NIP 198502302010012003: "
                    "tanggal lahir 1985-02-30 (8 angka pertama) bukan tanggal yang ada",
                    "field": "body.nip",
                    "errors": [
                        {
                            "field": "body.nip",
                            "code": "nip_birth_date",
                            "message": "NIP 198502302010012003: tanggal lahir 1985-02-30 "
                            "(8 angka pertama) bukan tanggal yang ada",
                        }
                    ],
                },
                {
                    "code": "validation_failed",
                    "message": "Permintaan tidak lolos validasi: body.level: Input should be "
                    "less than or equal to 5",
                    "field": "body.level",
                    "errors": [
                        {
                            "field": "body.level",
                            "code": "less_than_equal",
                            "message": "Input should be less than or equal to 5",
                        }
                    ],
                },
            ]
        }
    )

    code: str = Field(
        description="Stable machine code, snake_case: not_found, forbidden, conflict, "
        "invalid_input, unauthorized, validation_failed, ... or one of the service's "
        "domain (invalid_nip, invalid_transition, ...)"
    )
    message: str = Field(description="For a person, in Bahasa Indonesia, with the reason")
    field: str | None = Field(description="The field or parameter at fault, if one is")
    errors: list[FieldErrorPublic] = Field(
        description="Each field that did not validate (validation_failed), or the precise "
        "problem of a domain error (invalid_nip: nip_length, nip_birth_date, ...); else empty"
    )


@dataclass(frozen=True)
class ErrorKind:
    """How an exception of the service's domain becomes an error response.

    ``sentence`` says what the code means in Bahasa Indonesia; ``code`` defaults to the
    exception's class name in snake_case (InvalidNip -> invalid_nip); ``reason`` replaces
    the exception's own text where that must not be shown (it may carry personal data).
    The field at fault is the exception's ``field`` attribute, if it has one.
    """

    status: int
    sentence: str
    code: str | None = None
    reason: str | None = None


ErrorKinds = Mapping[type[Exception], ErrorKind]
Handler = Callable[[Request, Exception], Awaitable[Response]]


def code_of(error: type[BaseException]) -> str:
    """InvalidNip -> invalid_nip, SurveyStateError -> survey_state_error."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", error.__name__).lower()


def error_response(
    status: int,
    code: str,
    sentence: str,
    reason: str | None = None,
    *,
    field: str | None = None,
    errors: Sequence[FieldErrorPublic] = (),
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    message = f"{sentence}: {reason}" if reason else f"{sentence}."
    body = ErrorPublic(code=code, message=message, field=field, errors=list(errors))
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` of a route for these error statuses, each an ErrorPublic.

    A route may as well describe a status in its own words (``{409: {"description":
    "Not a draft"}}``): the OpenAPI document of the app makes every 4xx an ErrorPublic.
    """
    return {
        status: {"model": ErrorPublic, "description": MEANINGS.get(status, "Error")}
        for status in sorted(set(statuses))
    }


def install_error_handlers(app: FastAPI, kinds: ErrorKinds) -> None:
    """Every error the app answers with becomes an ErrorPublic."""
    app.add_exception_handler(ServiceError, _service_error(kinds))
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    for error, kind in kinds.items():
        app.add_exception_handler(error, _domain_error(kind))
    app.add_exception_handler(Exception, _internal_error)


def _service_error(kinds: ErrorKinds) -> Handler:
    """The service layer decides the status; raised ``from`` an error of the domain the
    app knows (``raise InvalidInput(str(exc)) from exc``), the code and its sentence
    are that error's (invalid_nip rather than invalid_input)."""

    async def handle(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ServiceError)
        cause = exc.__cause__
        kind = _kind_of(type(cause), kinds) if cause is not None else None
        if cause is None or kind is None:
            sentence = SENTENCES.get(exc.code) or SENTENCES.get(
                type(exc).code, SENTENCES["bad_request"]
            )
            field = _located(request, exc.field)
            return error_response(exc.status_code, exc.code, sentence, str(exc), field=field)
        field = _located(request, exc.field or _field_of(cause))
        return error_response(
            exc.status_code,
            kind.code or code_of(type(cause)),
            kind.sentence,
            str(exc),
            field=field,
            errors=_problem_of(cause, field),
        )

    return handle


def _domain_error(kind: ErrorKind) -> Handler:
    async def handle(request: Request, exc: Exception) -> Response:
        field = _located(request, _field_of(exc))
        reason = kind.reason or str(exc)
        return error_response(
            kind.status,
            kind.code or code_of(type(exc)),
            kind.sentence,
            reason,
            field=field,
            errors=_problem_of(exc, field, reason),
        )

    return handle


def _kind_of(error: type[BaseException], kinds: ErrorKinds) -> ErrorKind | None:
    return next((kinds[c] for c in error.__mro__ if c in kinds), None)


def _problem_of(
    exc: BaseException, field: str | None, reason: str | None = None
) -> list[FieldErrorPublic]:
    """A domain error that names its problem precisely (InvalidNip's ``nip_birth_date``)
    gives it to programs beside the code of its kind (``invalid_nip``)."""
    problem = getattr(exc, "problem", None)
    if not isinstance(problem, str):
        return []
    return [FieldErrorPublic(field=field or "body", code=problem, message=reason or str(exc))]


def _field_of(exc: BaseException) -> str | None:
    field = getattr(exc, "field", None)
    return field if isinstance(field, str) else None


LOCATIONS = ("path.", "query.", "body.", "header.")


def _located(request: Request, field: str | None) -> str | None:
    """The field a rule of the service names (``on``, ``course_code``) where the request
    carried it, as a request that did not validate names it: path.on, query.on, body.on
    (a field the service locates itself, such as header.X-Experience-API-Version, is kept)."""
    if field is None:
        return None
    if field.startswith(LOCATIONS):
        return field
    if field.split(".")[0].split("[")[0] in request.path_params:
        return f"path.{field}"
    if field in request.query_params or request.method in ("GET", "HEAD", "DELETE"):
        return f"query.{field}"
    return f"body.{field}"


async def _http_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    own = getattr(exc, "code", None)  # e.g. the bearer challenge's error (auth.rest)
    code = own if isinstance(own, str) else _HTTP_CODES.get(status, f"http_{status}")
    detail = str(exc.detail) if exc.detail is not None else None
    detail = _FRAMEWORK_REASONS.get(detail or "", detail)
    bare = detail is None or detail == reason_phrases.get(status)
    sentence = (_BARE_SENTENCES.get(status) if bare else None) or SENTENCES.get(
        code, SENTENCES["bad_request"]
    )
    return error_response(status, code, sentence, None if bare else detail, headers=exc.headers)


async def _validation_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [
        FieldErrorPublic(field=field_name(e), code=str(e.get("type", "invalid")), message=e["msg"])
        for e in exc.errors()
    ]
    fields = {e.field for e in errors}
    return error_response(
        422,
        "validation_failed",
        SENTENCES["validation_failed"],
        "; ".join(f"{e.field}: {e.message}" for e in errors),
        field=fields.pop() if len(fields) == 1 else None,
        errors=errors,
    )


async def _internal_error(_request: Request, _exc: Exception) -> Response:
    # The exception itself goes on to the server's log; its text may carry data.
    return error_response(500, "internal_error", SENTENCES["internal_error"])


def field_name(error: Mapping[str, Any]) -> str:
    """("body", "answers", 0, "level") -> body.answers[0].level; a body that is not
    JSON at all is the body."""
    loc = error.get("loc", ())
    if error.get("type") == "json_invalid":
        loc = loc[:1]
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else f".{part}" if name else str(part)
    return name or "body"
