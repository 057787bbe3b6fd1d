"""Competency levels (PermenPANRB 38/2017): whole numbers 1 to 5."""

from __future__ import annotations

MIN_LEVEL = 1
MAX_LEVEL = 5
LEVELS = range(MIN_LEVEL, MAX_LEVEL + 1)


class InvalidLevel(ValueError):
    """A value that is not a competency level."""


def is_level(value: object) -> bool:
    """True for the whole numbers 1-5 (a bool is not a level)."""
    return isinstance(value, int) and not isinstance(value, bool) and value in LEVELS


def check_level(level: int) -> int:
    """``level`` itself, or InvalidLevel naming the value."""
    if not is_level(level):
        raise InvalidLevel(f"level {level} is outside {MIN_LEVEL}-{MAX_LEVEL}")
    return level
