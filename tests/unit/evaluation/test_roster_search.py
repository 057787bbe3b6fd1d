"""What a person types into the roster search: digits start a NIP, anything else is
a part of the name in any case; blank searches nothing."""

from __future__ import annotations

import pytest

from bangkom.evaluation.domain.roster_search import RosterSearch


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", None),
        ("   ", None),
        ("19850315", RosterSearch(nip_prefix="19850315")),
        ("  Rina   SIREGAR ", RosterSearch(name_part="rina siregar")),
        ("1985 0315", RosterSearch(name_part="1985 0315")),
        ("1" * 19, RosterSearch(name_part="1" * 19)),  # longer than any NIP: not one
    ],
)
def test_what_is_typed_becomes_a_nip_prefix_or_a_part_of_the_name(
    typed: str, expected: RosterSearch | None
) -> None:
    assert RosterSearch.of(typed) == expected


def test_a_nip_prefix_is_a_range_of_18_digit_numbers() -> None:
    search = RosterSearch(nip_prefix="1985")

    assert search.nip_range == ("198500000000000000", "198599999999999999")
    assert search.matches("198503152010012003", "X")
    assert not search.matches("199003152010012003", "X")


def test_a_name_part_matches_in_any_case() -> None:
    search = RosterSearch.of("siregar")

    assert search is not None
    assert search.matches("198503152010012003", "Rina SIREGAR")
    assert not search.matches("198503152010012003", "Dewi Nainggolan")
