"""What never reaches a log line whole (UU 27/2022 on personal data): NIPs keep their
last four digits, bearer tokens and JWTs are dropped."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, MutableMapping
from typing import Any

# 18 digits standing alone: a NIP (employee id, with the birth date in it).
_NIP = re.compile(r"(?<!\d)\d{14}(\d{4})(?!\d)")
_BEARER = re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")


def redact(text: str) -> str:
    text = _BEARER.sub("Bearer [disamarkan]", text)
    text = _JWT.sub("[token disamarkan]", text)
    return _NIP.sub(lambda m: "*" * 14 + m.group(1), text)


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, Mapping):
        return {k: _redacted(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redacted(v) for v in value]
    return value


def redact_event(
    logger: object, method: str, event: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """A structlog processor: every string of the event, however nested, redacted."""
    for key, value in event.items():
        event[key] = _redacted(value)
    return event


class RedactingFormatter(logging.Formatter):
    """For the standard library's loggers (uvicorn, aiokafka, alembic)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
