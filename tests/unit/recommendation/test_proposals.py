from bangkom.recommendation.domain.gaps import Gap
from bangkom.recommendation.domain.proposals import Course, CourseStep, propose


def _course(code: str, competency: str, level_from: int, level_to: int, cost: int = 0) -> Course:
    return Course(
        code=code,
        title=f"Pelatihan {code}",
        steps=(CourseStep(competency, level_from, level_to),),
        jp=24,
        mode="klasikal",
        cost=cost,
        published=True,
    )


GAP = Gap("M.05", "Pelayanan Publik", required_level=3, current_level=1)


def test_the_course_that_closes_more_of_the_gap_wins() -> None:
    courses = [_course("HALF", "M.05", 1, 2), _course("FULL", "M.05", 1, 3)]

    [draft] = propose([GAP], courses, already_proposed=set())

    assert draft.course_code == "FULL"
    assert draft.reasons[0] == (
        "Kesenjangan 2 level pada Pelayanan Publik (saat ini 1, standar jabatan 3)"
    )
    assert "menutup kesenjangan sampai standar jabatan" in draft.reasons[2]


def test_a_course_starting_above_the_current_level_does_not_fit() -> None:
    assert propose([GAP], [_course("ADV", "M.05", 2, 4)], already_proposed=set()) == []


def test_met_and_unknown_gaps_get_no_proposal() -> None:
    met = Gap("M.05", "Pelayanan Publik", required_level=3, current_level=3)
    unknown = Gap("M.01", "Integritas", required_level=3, current_level=None)
    courses = [_course("A", "M.05", 1, 3), _course("B", "M.01", 1, 3)]

    assert propose([met, unknown], courses, already_proposed=set()) == []


def test_a_course_already_proposed_for_the_gap_is_not_proposed_again() -> None:
    courses = [_course("FULL", "M.05", 1, 3), _course("HALF", "M.05", 1, 2)]

    [draft] = propose([GAP], courses, already_proposed={("M.05", "FULL")})

    assert draft.course_code == "HALF"


def test_among_equal_courses_the_cheaper_scores_higher() -> None:
    courses = [_course("DEAR", "M.05", 1, 3, cost=5_000_000), _course("CHEAP", "M.05", 1, 3)]

    [draft] = propose([GAP], courses, already_proposed=set())

    assert draft.course_code == "CHEAP"
