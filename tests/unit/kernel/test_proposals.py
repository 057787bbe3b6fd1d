from bangkom.kernel.gaps import Gap
from bangkom.kernel.proposals import Course, CourseStep, Person, propose


def _course(
    code: str,
    competency: str,
    level_from: int,
    level_to: int,
    *,
    cost: int = 0,
    jp: int = 24,
    prerequisites: tuple[str, ...] = (),
) -> Course:
    return Course(
        code=code,
        title=f"Pelatihan {code}",
        steps=(CourseStep(competency, level_from, level_to),),
        jp=jp,
        mode="klasikal",
        cost=cost,
        published=True,
        prerequisites=prerequisites,
    )


GAP = Gap("M.05", "Pelayanan Publik", required_level=3, current_level=1)
SMALL_GAP = Gap("M.01", "Integritas", required_level=3, current_level=2)
BUDGET = 60


def test_the_course_that_closes_more_of_the_gap_wins_and_says_why() -> None:
    courses = [_course("HALF", "M.05", 1, 2), _course("FULL", "M.05", 1, 3)]

    [draft] = propose([GAP], courses, Person(jp_this_year=8), jp_budget=BUDGET)

    assert draft.course_code == "FULL"
    assert draft.reasons == (
        "Kesenjangan 2 level pada Pelayanan Publik (saat ini 1, standar jabatan 3)",
        "Pelatihan FULL mengembangkan Pelayanan Publik dari level 1 ke level 3",
        "Pelatihan ini menutup kesenjangan sampai standar jabatan",
        "Baru 8 dari 20 JP tahun ini; pelatihan ini menambah 24 JP",
        "24 JP, moda klasikal",
    )
    # 10 x 2 levels + 5 reaches the standard + 3 below 20 JP
    assert draft.score == 28.0


def test_a_course_starting_above_the_current_level_does_not_fit() -> None:
    assert propose([GAP], [_course("ADV", "M.05", 2, 4)], Person(), jp_budget=BUDGET) == []


def test_met_and_unknown_gaps_get_no_proposal() -> None:
    met = Gap("M.05", "Pelayanan Publik", required_level=3, current_level=3)
    unknown = Gap("M.01", "Integritas", required_level=3, current_level=None)
    courses = [_course("A", "M.05", 1, 3), _course("B", "M.01", 1, 3)]

    assert propose([met, unknown], courses, Person(), jp_budget=BUDGET) == []


def test_completed_followed_and_already_proposed_courses_are_left_out() -> None:
    courses = [_course(code, "M.05", 1, 3) for code in ("DONE", "FOLLOWING", "BEFORE", "NEW")]
    person = Person(
        completed_courses=frozenset({"DONE"}),
        followed_courses=frozenset({"FOLLOWING"}),
        proposed_before=frozenset({("M.05", "BEFORE")}),
    )

    [draft] = propose([GAP], courses, person, jp_budget=BUDGET)

    assert draft.course_code == "NEW"


def test_a_course_whose_prerequisites_were_not_completed_is_left_out() -> None:
    courses = [_course("ADVANCED", "M.05", 1, 3, prerequisites=("BASIC",))]

    assert propose([GAP], courses, Person(), jp_budget=BUDGET) == []
    assert propose([GAP], courses, Person(completed_courses=frozenset({"BASIC"})), jp_budget=BUDGET)


def test_a_competency_with_an_active_proposal_gets_no_second_one() -> None:
    courses = [_course("A", "M.05", 1, 3)]

    assert (
        propose([GAP], courses, Person(active_competencies=frozenset({"M.05"})), jp_budget=BUDGET)
        == []
    )


def test_among_equal_courses_the_cheaper_scores_higher() -> None:
    courses = [_course("DEAR", "M.05", 1, 3, cost=5_000_000), _course("CHEAP", "M.05", 1, 3)]

    [draft] = propose([GAP], courses, Person(), jp_budget=BUDGET)

    assert draft.course_code == "CHEAP"


def test_the_yearly_jp_budget_caps_proposals_largest_gap_first() -> None:
    courses = [_course("PP", "M.05", 1, 3, jp=40), _course("INT", "M.01", 2, 3, jp=30)]

    drafts = propose([SMALL_GAP, GAP], courses, Person(committed_jp=10), jp_budget=BUDGET)

    assert [d.course_code for d in drafts] == ["PP"]  # 10 + 40 fits, + 30 would not


def test_the_agency_priority_orders_equal_gaps_and_is_given_as_a_reason() -> None:
    other = Gap("M.08", "Pengambilan Keputusan", required_level=3, current_level=1)
    courses = [_course("PP", "M.05", 1, 3, jp=40), _course("PK", "M.08", 1, 3, jp=40)]
    person = Person(need_rank={"M.08": 1}, need_period="2027", jp_this_year=40)

    [draft] = propose([GAP, other], courses, person, jp_budget=BUDGET)

    assert draft.course_code == "PK"
    assert "Prioritas kebutuhan #1 di instansi (survei kebutuhan 2027)" in draft.reasons
    # 20 + 5 + 6 for the agency's need #1; no JP bonus at 40 JP
    assert draft.score == 31.0
