"""Competency levels are the whole numbers 1 to 5."""

from __future__ import annotations

import pytest

from bangkom.kernel.levels import LEVELS, InvalidLevel, check_level, is_level


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (1, True),
        (3, True),
        (5, True),
        (0, False),
        (6, False),
        (-1, False),
        (True, False),  # a bool is not a number of levels
        (3.0, False),
        ("3", False),
        (None, False),
    ],
)
def test_a_level_is_a_whole_number_from_1_to_5(value: object, level: bool) -> None:
    assert is_level(value) is level


def test_check_level_returns_a_level_and_names_a_value_outside() -> None:
    assert [check_level(level) for level in LEVELS] == [1, 2, 3, 4, 5]
    with pytest.raises(InvalidLevel, match="level 6 is outside 1-5"):
        check_level(6)
