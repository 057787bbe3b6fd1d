"""Text people type may hold line breaks and tabs, never NUL or another control
character: stored as given, they break exports and what other systems read."""

import re

import pytest
from pydantic import TypeAdapter, ValidationError

from bangkom.platform.catalog.types import FreeText

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
