"""Text people type may hold line breaks and tabs, never NUL or another control
character: stored as given, they break exports and what other systems read."""

import re

import pytest
from pydantic import TypeAdapter, ValidationError

from bangkom.platform.catalog.types import AwareDatetime, Day, FreeText

TEXT = TypeAdapter(FreeText)


@pytest.mark.parametrize("value", ["UPT Penilaian", "baris satu\nbaris dua\r\n\tberikut", ""])
def test_ordinary_text_line_breaks_and_tabs_pass(value: str) -> None:
    assert TEXT.validate_python(value) == value


@pytest.mark.parametrize(
    ("value", "named"), [("a\x00b", "U+0000"), ("bel\x07", "U+0007"), ("del\x7f", "U+007F")]
)
def test_control_characters_are_refused_and_named(value: str, named: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(named)):
        TEXT.validate_python(value)


@pytest.mark.parametrize("kind", [Day, AwareDatetime])
@pytest.mark.parametrize(
    "value", [0, 1.5, "0", "1700000000", " 20260101 ", "9.781111394230822e-306", "1E9"]
)
def test_dates_and_times_given_as_numbers_are_refused(kind: object, value: object) -> None:
    """pydantic reads them as seconds since 1970: ``on=0`` was 1970-01-01, and make fuzz
    found ``until=9.78e-306`` on GET /audit taken so."""
    with pytest.raises(ValidationError, match="ISO 8601"):
        TypeAdapter(kind).validate_python(value)


def test_dates_and_times_in_iso_8601_pass() -> None:
    assert str(TypeAdapter(Day).validate_python("2026-11-20")) == "2026-11-20"
    at = TypeAdapter(AwareDatetime).validate_python("2026-11-20T09:00:00+07:00")
    assert at.isoformat() == "2026-11-20T09:00:00+07:00"
