"""The job-person match: the table of cases that recommendation's SQL sums are held to
as well (tests/integration/recommendation/test_jpm_sql.py)."""

from __future__ import annotations

import pytest

from bangkom.kernel.jpm import JpmBand, jpm_band, jpm_percent, match
from tests.rule_cases import JPM, JpmCase


@pytest.mark.parametrize("case", JPM, ids=lambda case: case.name)
def test_the_match_of_a_person_against_a_standard(case: JpmCase) -> None:
    found = match(case.standard, case.levels)

    band = jpm_band(found.jpm) if found.jpm is not None else None
    assert (found.jpm, band, found.unknown) == (case.jpm, case.band, case.unknown)
    assert found.competencies == len(case.standard)
    assert found.assessed == len(case.standard) - case.unknown
    assert found.required == sum(case.standard.values())
    assert found.jpm == jpm_percent(found.met, found.required)


def test_the_percent_is_rounded_to_one_decimal() -> None:
    assert jpm_percent(5, 6) == 83.3  # 83.333...
    assert jpm_percent(2, 3) == 66.7  # 66.666...
    assert jpm_percent(0, 0) is None


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (100.0, JpmBand.OPTIMAL),
        (90.0, JpmBand.OPTIMAL),
        (89.9, JpmBand.CUKUP_OPTIMAL),
        (78.0, JpmBand.CUKUP_OPTIMAL),
        (77.9, JpmBand.KURANG_OPTIMAL),
        (0.0, JpmBand.KURANG_OPTIMAL),
    ],
)
def test_the_bands_start_at_90_and_78_percent(percent: float, band: JpmBand) -> None:
    assert jpm_band(percent) is band
