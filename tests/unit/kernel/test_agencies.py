"""The agency hierarchy that the codes spell."""

from __future__ import annotations

import pytest

from bangkom.kernel.agencies import ancestors, covering, covers, overlap
from tests.rule_cases import AGENCY_COVERS, AGENCY_COVERS_CASE


@pytest.mark.parametrize(("root", "code", "covered"), AGENCY_COVERS + AGENCY_COVERS_CASE)
def test_a_code_covers_itself_and_what_lies_below_it(root: str, code: str, covered: bool) -> None:
    assert covers(root, code) is covered


@pytest.mark.parametrize(
    ("roots", "code", "found"),
    [
        (["12.73.DINKES", "12.73.BKPSDM"], "12.73.BKPSDM.PK", "12.73.BKPSDM"),
        (["12.73.BKPSDM", "12.73.DINKES"], "12.73.DINKES", "12.73.DINKES"),
        (["12.73.BKPSDM"], "12.73.BKPSDMX", None),
        (["12", "12.73"], "12.73.BKPSDM", "12"),  # the first that covers it
        ([], "12.73", None),
    ],
)
def test_covering_names_the_first_root_above_a_code(
    roots: list[str], code: str, found: str | None
) -> None:
    assert covering(roots, code) == found


@pytest.mark.parametrize(
    ("codes", "pair"),
    [
        (["12.73.BKPSDM", "12.73.DINKES"], None),
        (["12.73.DINKES", "12.73.BKPSDM.PK", "12.73.BKPSDM"], ("12.73.BKPSDM", "12.73.BKPSDM.PK")),
        (["12.73.BKPSDMX", "12.73.BKPSDM"], None),
        (["12.73", "12.71.BKPSDM", "12.73.DINKES"], ("12.73", "12.73.DINKES")),
        (["12.73", "12.73"], ("12.73", "12.73")),
        ([], None),
    ],
)
def test_overlap_finds_two_codes_of_which_one_covers_the_other(
    codes: list[str], pair: tuple[str, str] | None
) -> None:
    assert overlap(codes) == pair


@pytest.mark.parametrize(
    ("code", "above"),
    [
        ("12", ["12"]),
        ("12.73", ["12", "12.73"]),
        ("12.73.BKPSDM.PK", ["12", "12.73", "12.73.BKPSDM", "12.73.BKPSDM.PK"]),
    ],
)
def test_ancestors_are_the_code_and_every_code_above_it_top_first(
    code: str, above: list[str]
) -> None:
    assert ancestors(code) == above
    assert all(covers(root, code) for root in above)
