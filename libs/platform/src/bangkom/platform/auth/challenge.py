"""The ``WWW-Authenticate: Bearer`` challenge of RFC 6750, for REST and gRPC alike.

A request without a token gets ``Bearer realm="bangkom"`` (no error code, RFC 6750 §3.1);
a refused token gets ``error="invalid_token"`` (401) or ``error="insufficient_scope"``
(403) with an ``error_description`` saying why, reduced to the characters the RFC
allows in it (printable ASCII without ``"`` and ``\\``).
"""

from __future__ import annotations

import re

REALM = "bangkom"
INVALID_TOKEN = "invalid_token"
INSUFFICIENT_SCOPE = "insufficient_scope"

_NOT_ALLOWED = re.compile(r"[^\x20-\x21\x23-\x5b\x5d-\x7e]")


def challenge(error: str | None = None, description: str | None = None) -> str:
    parts = [f'realm="{REALM}"']
    if error is not None:
        parts.append(f'error="{error}"')
    if description:
        parts.append(f'error_description="{header_safe(description)}"')
    return "Bearer " + ", ".join(parts)


def header_safe(text: str) -> str:
    return _NOT_ALLOWED.sub("?", text.replace('"', "'").replace("\\", "/"))
