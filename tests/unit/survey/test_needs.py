"""The aggregation of needs on a small data set, every figure computed by hand."""

import pytest

from bangkom.survey.domain.needs import Observation, agency_needs, rank_needs
from tests import factories
from tests.unit.survey.builders import answer, rating, respondent, response

AGENCY = "12.73.BKPSDM"


def test_needs_of_an_agency_computed_by_hand() -> None:
    r1, r2, r3, r4, r5, r6 = (factories.nip() for _ in range(6))
    position_a = {"M.05": 3, "M.01": 3}
    position_b = {"M.05": 4, "SK.01": 2}
    respondents = [
        respondent(r1, position_a),
        respondent(r2, position_a, unit=f"{AGENCY}.PK"),
        respondent(r3, position_b),
        respondent(r4, position_a),  # eligible, did not answer
        respondent(r5, position_a, excluded_at=factories.at(days_ago=2)),  # left: not counted
        respondent(r6, position_a, survey_agency="12.73.DINKES"),  # another agency
    ]
    responses = {
        r1: response(r1, answer("M.05", 5, 2, "klasikal"), answer("M.01", 4, 3)),
        r2: response(r2, answer("M.05", 4, 3, "e_learning"), answer("M.01", 3, 2, "coaching")),
        r3: response(r3, answer("M.05", 5, 2, "klasikal"), answer("SK.01", 2, 3)),
        r5: response(r5, answer("M.05", 1, 1), answer("M.01", 1, 1)),
        r6: response(r6, answer("M.05", 1, 1), answer("M.01", 1, 1)),
    }
    ratings = {r1: rating(r1, M_05=1), r3: rating(r3, M_05=3)}

    result = agency_needs(AGENCY, respondents, responses, ratings, {"M.05": "Pelayanan Publik"})

    # headcount: r1, r2, r3, r4 (r5 excluded, r6 in DINKES); answered: r1, r2, r3
    assert (result.headcount, result.respondents) == (4, 3)
    by_code = {n.competency_code: n for n in result.needs}

    # M.05, perceived = supervisor's rating where there is one, else self:
    #   r1: required 3 - supervisor 1 = 2; r2: 3 - self 3 = 0; r3: 4 - supervisor 3 = 1
    #   mean importance (5 + 4 + 5) / 3 = 4.666.. -> 4.67; mean gap (2 + 0 + 1) / 3 = 1.0
    #   share with a gap 2 / 3 = 0.666.. -> 0.67
    #   priority 14/3 x 1 x 2/3 = 28/9 = 3.111..
    m05 = by_code["M.05"]
    assert (m05.respondents, m05.respondents_with_gap) == (3, 2)
    assert m05.mean_importance == pytest.approx(4.67)
    assert m05.mean_gap == pytest.approx(1.0)
    assert m05.share_with_gap == pytest.approx(0.67)
    assert m05.priority == pytest.approx(3.111)
    assert m05.competency_name == "Pelayanan Publik"
    assert m05.learning_modes == {"e_learning": 1, "klasikal": 2}
    assert m05.preferred_learning_mode == "klasikal"

    # M.01 (nobody rated by a supervisor): r1: 3 - 3 = 0; r2: 3 - 2 = 1
    #   mean importance (4 + 3) / 2 = 3.5; mean gap (0 + 1) / 2 = 0.5; share 1 / 2 = 0.5
    #   priority 3.5 x 0.5 x 0.5 = 0.875
    m01 = by_code["M.01"]
    assert (m01.respondents, m01.respondents_with_gap) == (2, 1)
    assert (m01.mean_importance, m01.mean_gap, m01.share_with_gap) == (3.5, 0.5, 0.5)
    assert m01.priority == pytest.approx(0.875)

    # SK.01: r3 sees level 3 against a required 2: a surplus is no gap (0, not -1)
    #   mean importance 2; mean gap 0; share 0; priority 2 x 0 x 0 = 0
    sk01 = by_code["SK.01"]
    assert (sk01.respondents, sk01.mean_importance, sk01.mean_gap, sk01.priority) == (1, 2, 0, 0)

    assert [(n.rank, n.competency_code) for n in result.needs] == [
        (1, "M.05"),
        (2, "M.01"),
        (3, "SK.01"),
    ]


def test_a_surplus_does_not_cancel_a_colleagues_gap() -> None:
    # required 3: one sees 1 (gap 2), one sees 5 (surplus 2). Signed mean would be 0.
    observed = [Observation("M.05", 3, 4, 1), Observation("M.05", 3, 4, 5)]

    [need] = rank_needs(observed)

    # mean gap (2 + 0) / 2 = 1.0; share 1 / 2; priority 4 x 1.0 x 0.5 = 2.0
    assert (need.mean_gap, need.share_with_gap, need.priority) == (1.0, 0.5, 2.0)


def test_the_score_does_not_grow_with_the_size_of_the_agency() -> None:
    small = [Observation("M.05", 3, 5, 1), Observation("M.05", 3, 3, 3)]

    [of_two] = rank_needs(small)
    [of_two_hundred] = rank_needs(small * 100)

    # mean importance 4, mean gap (2 + 0) / 2 = 1, share 1/2: priority 4 x 1 x 0.5 = 2
    assert of_two.priority == of_two_hundred.priority == 2.0
    assert of_two_hundred.respondents == 200


def test_a_need_many_share_outranks_one_persons_deep_gap() -> None:
    # Ten people, importance 4: one with a gap of 4 (competency M.07) ...
    deep = [Observation("M.07", 5, 4, 1)] + [Observation("M.07", 5, 4, 5)] * 9
    # ... against ten people each with a gap of 1 (competency M.03).
    wide = [Observation("M.03", 3, 4, 2)] * 10

    first, second = rank_needs(deep + wide)

    # M.03: 4 x 1 x 1 = 4;  M.07: 4 x (4 / 10) x (1 / 10) = 0.16
    assert (first.competency_code, first.priority) == ("M.03", 4.0)
    assert (second.competency_code, second.priority) == ("M.07", 0.16)


def test_ties_go_to_importance_then_respondents_then_code() -> None:
    observed = [
        # M.02 and M.04 both score 0 with importance 3; M.04 has more respondents
        Observation("M.02", 3, 3, 3),
        Observation("M.04", 3, 3, 3),
        Observation("M.04", 3, 3, 3),
        # M.06 scores 0 too, with importance 5
        Observation("M.06", 3, 5, 4),
        # M.08 and M.01 tie on everything: the code decides
        Observation("M.08", 3, 3, 3),
        Observation("M.01", 3, 3, 3),
    ]

    ranked = [n.competency_code for n in rank_needs(observed)]

    assert ranked == ["M.06", "M.04", "M.01", "M.02", "M.08"]


def test_an_agency_where_nobody_answered_has_a_headcount_and_no_needs() -> None:
    nip = factories.nip()

    result = agency_needs(AGENCY, [respondent(nip, {"M.05": 3})], {}, {})

    assert (result.headcount, result.respondents, result.needs) == (1, 0, ())
