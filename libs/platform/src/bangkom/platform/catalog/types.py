"""Value types shared by event payloads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

from bangkom.kernel.levels import MAX_LEVEL, MIN_LEVEL

NipStr = Annotated[
    str,
    StringConstraints(pattern=r"^\d{18}$"),
    Field(description="NIP (18 digits) or, for PPPK staff, their 18-digit NI PPPK"),
]
CompetencyCode = Annotated[
    str,
    StringConstraints(pattern=r"^(M\.0[1-8]|SK\.01|T\.[A-Z0-9.\-]{1,40})$"),
    Field(description="M.01-M.08 (manajerial), SK.01 (sosial kultural) or T.<agency>.<n> (teknis)"),
]
Code = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-_]{0,63}$"),
    Field(description="A stable code: agency, position or course"),
]
Level = Annotated[
    int,
    Field(ge=MIN_LEVEL, le=MAX_LEVEL, description=f"Competency level {MIN_LEVEL}-{MAX_LEVEL}"),
]


def _require_timezone(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("timestamp must carry a timezone offset")
    return value


def _iso_text(value: object) -> object:
    """Dates and times are ISO 8601 text: pydantic would also read a number, or text of
    digits, as seconds since 1970 (``0`` as 1970-01-01), which no client means."""
    if isinstance(value, int | float) or (isinstance(value, str) and _numeric(value)):
        raise ValueError("expected ISO 8601 text (2026-11-20 or 2026-11-20T09:00:00+07:00)")
    return value


def _numeric(text: str) -> bool:
    """Text pydantic would read as a number of seconds: "12", "1.5", "9.7e-306"."""
    try:
        float(text)
    except ValueError:
        return False
    return True


AwareDatetime = Annotated[datetime, BeforeValidator(_iso_text), AfterValidator(_require_timezone)]
Day = Annotated[date, BeforeValidator(_iso_text)]


def control_characters(value: str, *, allowed: str = "") -> list[str]:
    """The control characters in ``value`` other than ``allowed``, as U+0000 names."""
    return sorted(
        {f"U+{ord(c):04X}" for c in value if (ord(c) < 32 or ord(c) == 0x7F) and c not in allowed}
    )


def _no_control_characters(value: str) -> str:
    """Text people type: line breaks and tabs, but no NUL or other control character
    (stored as given, they break exports and what other systems read)."""
    if bad := control_characters(value, allowed="\n\r\t"):
        raise ValueError(f"must not contain control characters ({', '.join(bad)})")
    return value


FreeText = Annotated[str, AfterValidator(_no_control_characters)]
