from bangkom.kernel.gaps import GapStatus, Requirement, calculate_gaps

STANDARD = {
    "M.01": Requirement("M.01", "Integritas", 3),
    "M.05": Requirement("M.05", "Pelayanan Publik", 3),
    "SK.01": Requirement("SK.01", "Perekat Bangsa", 2),
}


def test_gap_is_required_minus_current_and_never_assessed_is_unknown() -> None:
    gaps = {g.competency_code: g for g in calculate_gaps(STANDARD, {"M.05": 1, "SK.01": 3})}

    assert (gaps["M.05"].size, gaps["M.05"].status) == (2, GapStatus.OPEN)
    assert (gaps["SK.01"].size, gaps["SK.01"].status) == (0, GapStatus.MET)
    assert (gaps["M.01"].size, gaps["M.01"].status) == (None, GapStatus.UNKNOWN)


def test_levels_outside_the_standard_do_not_become_gaps() -> None:
    gaps = calculate_gaps(STANDARD, {"M.08": 1})

    assert {g.competency_code for g in gaps} == set(STANDARD)
