"""The IKM of PermenPANRB 14/2017 worked by hand for 30 made-up responses, and the
sample a unit needs (Krejcie and Morgan)."""

from fractions import Fraction

import pytest

from bangkom.survey.domain.satisfaction import (
    Element,
    Grade,
    InvalidAnswer,
    grade_of,
    required_sample,
    sample_warning,
    score,
)

# How many of the 30 respondents gave each rating (4, 3, 2, 1), element by element:
COUNTS = {
    Element.PERSYARATAN: (20, 10, 0, 0),  # 20*4 + 10*3        = 110
    Element.PROSEDUR: (15, 15, 0, 0),  # 15*4 + 15*3           = 105
    Element.WAKTU: (10, 15, 5, 0),  # 10*4 + 15*3 + 5*2        =  95
    Element.BIAYA: (30, 0, 0, 0),  # 30*4                      = 120
    Element.PRODUK: (12, 12, 6, 0),  # 12*4 + 12*3 + 6*2       =  96
    Element.KOMPETENSI: (9, 18, 3, 0),  # 9*4 + 18*3 + 3*2     =  96
    Element.PERILAKU: (18, 12, 0, 0),  # 18*4 + 12*3           = 108
    Element.PENGADUAN: (6, 12, 9, 3),  # 6*4+12*3+9*2+3*1      =  81
    Element.SARANA: (15, 9, 6, 0),  # 15*4 + 9*3 + 6*2         =  99
}


def _responses() -> list[dict[Element, int]]:
    columns = {
        element: [4] * fours + [3] * threes + [2] * twos + [1] * ones
        for element, (fours, threes, twos, ones) in COUNTS.items()
    }
    return [{element: columns[element][i] for element in Element} for i in range(30)]


def test_thirty_responses_give_the_ikm_worked_by_hand() -> None:
    result = score(_responses())

    # NRR = the element's total / 30 answers
    assert result.element(Element.PERSYARATAN).nrr == Fraction(110, 30)  # 3.667
    assert result.element(Element.BIAYA).nrr == 4
    assert result.element(Element.PENGADUAN).nrr == Fraction(81, 30)  # 2.7
    assert result.element(Element.KOMPETENSI).nrr == Fraction(96, 30)  # 3.2
    # Weighted NRR = NRR * 1/9; for persyaratan 3.667 / 9 = 0.407
    assert result.element(Element.PERSYARATAN).weighted == Fraction(110, 270)
    # IKM = sum of the weighted NRRs = (110+105+95+120+96+96+108+81+99) / 30 / 9
    #     = 910 / 270 = 3.370 (1-4 scale)
    assert result.ikm == Fraction(910, 270)
    # Converted = 3.370 * 25 = 84.26: within 76.61-88.30, grade B (Baik)
    assert round(float(result.converted), 2) == 84.26
    assert result.grade is Grade.B
    assert result.respondents == 30


def test_the_grade_follows_the_regulations_table_at_its_bounds() -> None:
    assert [grade_of(Fraction(v)) for v in ("88.31", "88.30", "76.61", "76.60")] == [
        Grade.A,
        Grade.B,
        Grade.B,
        Grade.C,
    ]
    assert [grade_of(Fraction(v)) for v in ("65.00", "64.99", "25")] == [
        Grade.C,
        Grade.D,
        Grade.D,
    ]


def test_a_rating_out_of_range_or_an_element_left_out_is_refused_by_response() -> None:
    complete = _responses()
    with pytest.raises(InvalidAnswer, match="response 2: biaya_tarif is 5"):
        score([complete[0], {**complete[1], Element.BIAYA: 5}])
    partial = {e: 3 for e in Element if e is not Element.SARANA}
    with pytest.raises(InvalidAnswer, match="response 1 leaves out sarana_prasarana"):
        score([partial])


def test_a_unit_of_1000_people_needs_278_answers_and_100_is_too_few() -> None:
    # Krejcie and Morgan: 3.841 * 1000 * 0.25 / (0.0025 * 999 + 3.841 * 0.25)
    #                   = 960.25 / 3.45775 = 277.7 -> 278
    assert required_sample(1000) == 278
    assert required_sample(100) == 80  # the annex's table: 80 for 100
    assert required_sample(10) == 10
    warning = sample_warning(1000, 100)
    assert warning is not None
    assert "100 dari minimal 278 responden" in warning
    assert sample_warning(1000, 278) is None


def test_the_spread_is_the_standard_deviation_of_the_respondents_own_ikm() -> None:
    # Two respondents rate every element 4 and 2: their own IKM are 100 and 50, whose
    # sample standard deviation is sqrt(((100-75)^2 + (50-75)^2) / 1) = 35.36.
    result = score([dict.fromkeys(Element, 4), dict.fromkeys(Element, 2)])

    assert result.spread == pytest.approx(35.355, abs=0.001)
    assert score([dict.fromkeys(Element, 4)]).spread is None
