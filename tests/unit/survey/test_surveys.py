"""The campaign lifecycle, eligibility at opening and what a form accepts."""

from typing import get_args

import pytest

from bangkom.platform.catalog.training import LearningMode
from bangkom.survey.domain.eligibility import NotEligible, eligible_respondents, exclude
from bangkom.survey.domain.framework import (
    Competency,
    CompetencyQuestion,
    PositionStandard,
    build_questionnaire,
)
from bangkom.survey.domain.responses import (
    LEARNING_MODES,
    InvalidAnswer,
    check_response,
    rated_levels,
)
from bangkom.survey.domain.roster import Employee
from bangkom.survey.domain.surveys import (
    Campaign,
    InvalidSurvey,
    QuestionDraft,
    QuestionKind,
    Survey,
    SurveyStateError,
    SurveyStatus,
)
from tests import factories
from tests.unit.survey.builders import answer, respondent, response

QUESTION = CompetencyQuestion("M.05", "Pelayanan Publik", "manajerial", "", {})


def _campaign(*agencies: str, questions: tuple[QuestionDraft, ...] = ()) -> Campaign:
    return Campaign("AKP 2027", "2027", agencies or ("12.73.BKPSDM",), extra_questions=questions)


def _survey(*agencies: str, questions: tuple[QuestionDraft, ...] = ()) -> Survey:
    return Survey.plan(
        "s-1", _campaign(*agencies, questions=questions), by="op", at=factories.at(3)
    )


def test_a_survey_goes_from_draft_to_open_to_closed_and_no_further() -> None:
    survey = _survey()

    survey.open([QUESTION], respondents=3, by="op", at=factories.at(2))
    with pytest.raises(SurveyStateError, match="only a draft can be revised"):
        survey.revise(_campaign(), at=factories.at(2))
    survey.close(by="op", at=factories.at(1))

    assert survey.status is SurveyStatus.CLOSED
    assert survey.questionnaire == (QUESTION,)
    with pytest.raises(SurveyStateError, match="closed"):
        survey.require_open()
    with pytest.raises(SurveyStateError, match="only an open one closes"):
        survey.close(by="op", at=factories.at())


def test_a_survey_with_nobody_to_ask_or_nothing_to_ask_does_not_open() -> None:
    with pytest.raises(SurveyStateError, match="no active employee"):
        _survey().open([QUESTION], respondents=0, by="op", at=factories.at())
    with pytest.raises(SurveyStateError, match="nothing to ask"):
        _survey().open([], respondents=5, by="op", at=factories.at())

    extra_only = _survey(questions=(QuestionDraft("Pelatihan apa?", QuestionKind.TEXT),))
    extra_only.open([], respondents=5, by="op", at=factories.at())
    assert extra_only.status is SurveyStatus.OPEN


@pytest.mark.parametrize(
    ("agencies", "period", "message"),
    [
        (("12.73.BKPSDM", "12.73.BKPSDM.PK"), "2027", "overlap"),
        (("12.73",), "tahun depan", "period"),
    ],
)
def test_overlapping_agencies_or_a_strange_period_are_refused(
    agencies: tuple[str, ...], period: str, message: str
) -> None:
    with pytest.raises(InvalidSurvey, match=message):
        Survey.plan("s", Campaign("AKP", period, agencies), by="op", at=factories.at())


def test_extra_questions_are_numbered_in_order() -> None:
    survey = _survey(
        questions=(
            QuestionDraft("Pelatihan apa?", QuestionKind.TEXT),
            QuestionDraft("Seberapa mudah daring?", QuestionKind.SCALE, required=True),
        )
    )

    assert [(q.id, q.kind) for q in survey.extra_questions] == [
        ("Q1", QuestionKind.TEXT),
        ("Q2", QuestionKind.SCALE),
    ]


def test_eligible_respondents_are_the_active_employees_of_the_agencies_and_their_units() -> None:
    def employee(agency: str, *, active: bool = True) -> Employee:
        return Employee(factories.nip(), "X", agency, "POS", None, active, factories.at(5))

    inside, unit, inactive = (
        employee("12.73.BKPSDM"),
        employee("12.73.BKPSDM.PK"),
        employee("12.73.BKPSDM", active=False),
    )
    lookalike = employee("12.73.BKPSDMX")
    standard = PositionStandard("POS", "Analis", "12.73.BKPSDM", 1, {"M.05": 3}, {}, factories.at())

    found = eligible_respondents(
        "s",
        ["12.73.BKPSDM"],
        [inside, unit, inactive, lookalike],
        {"POS": standard},
        by="op",
        at=factories.at(),
    )

    assert {r.nip for r in found} == {inside.nip, unit.nip}
    assert {r.survey_agency for r in found} == {"12.73.BKPSDM"}
    assert all(r.required == {"M.05": 3} for r in found)


def test_an_exclusion_needs_a_reason() -> None:
    with pytest.raises(NotEligible, match="reason"):
        exclude(respondent(factories.nip(), {}), "  ", by="op", at=factories.at())


def test_the_questionnaire_is_every_competency_once_worded_from_the_dictionary() -> None:
    at = factories.at()
    standards = [
        PositionStandard("A", "Analis", "X", 1, {"T.X.1": 3, "M.05": 3}, {"M.05": "PP"}, at),
        PositionStandard("B", "Kasubbag", "X", 2, {"M.05": 4, "SK.01": 3}, {}, at),
    ]
    dictionary = {
        "M.05": Competency("M.05", "Pelayanan Publik", "manajerial", "Melayani", {1: "a"})
    }

    questions = build_questionnaire(standards, dictionary)

    assert [q.competency_code for q in questions] == ["M.05", "SK.01", "T.X.1"]
    assert (questions[0].competency_name, questions[0].levels) == ("Pelayanan Publik", {1: "a"})
    assert (questions[1].competency_name, questions[1].group) == ("SK.01", "sosial_kultural")


def test_the_learning_modes_are_the_catalogs() -> None:
    assert get_args(LearningMode) == LEARNING_MODES


def _form_survey() -> Survey:
    return _survey(
        questions=(
            QuestionDraft("Pelatihan apa?", QuestionKind.TEXT),
            QuestionDraft("Seberapa mudah daring?", QuestionKind.SCALE, required=True),
        )
    )


@pytest.mark.parametrize(
    ("answers", "extra", "field"),
    [
        ((answer("M.05", 6, 2), answer("M.01", 3, 3)), {"Q2": 3}, "answers[0].importance"),
        ((answer("M.05", 5, 0), answer("M.01", 3, 3)), {"Q2": 3}, "answers[0].self_level"),
        ((answer("M.05", 5, 2),), {"Q2": 3}, "answers"),
        ((answer("M.05", 5, 2), answer("M.05", 3, 3)), {"Q2": 3}, "answers[1].competency_code"),
        ((answer("M.05", 5, 2), answer("M.08", 3, 3)), {"Q2": 3}, "answers[1].competency_code"),
        ((answer("M.05", 5, 2, "kursus"), answer("M.01", 3, 3)), {}, "answers[0].learning_mode"),
        ((answer("M.05", 5, 2), answer("M.01", 3, 3)), {"Q2": 9}, "extra_answers.Q2"),
        ((answer("M.05", 5, 2), answer("M.01", 3, 3)), {"Q2": 3, "Q9": "x"}, "extra_answers.Q9"),
        ((answer("M.05", 5, 2), answer("M.01", 3, 3)), {"Q1": "x"}, "extra_answers.Q2"),
    ],
)
def test_a_response_off_the_form_names_the_field(
    answers: tuple, extra: dict[str, int | str], field: str
) -> None:
    nip = factories.nip()
    form = respondent(nip, {"M.05": 3, "M.01": 3})

    with pytest.raises(InvalidAnswer) as refused:
        check_response(_form_survey(), form, response(nip, *answers, extra=extra))

    assert refused.value.field == field


def test_a_complete_response_is_accepted() -> None:
    nip = factories.nip()
    form = respondent(nip, {"M.05": 3, "M.01": 3})
    complete = response(
        nip, answer("M.05", 5, 2, "klasikal"), answer("M.01", 3, 3), extra={"Q2": 4}
    )

    check_response(_form_survey(), form, complete)


def test_a_supervisor_rates_only_the_competencies_of_the_form_once_each() -> None:
    form = respondent(factories.nip(), {"M.05": 3, "M.01": 3})

    assert rated_levels(form, [("M.05", 2)], None) == {"M.05": 2}
    with pytest.raises(InvalidAnswer, match=r"levels\[1\].competency_code"):
        rated_levels(form, [("M.05", 2), ("M.05", 3)], None)
    with pytest.raises(InvalidAnswer, match=r"levels\[0\].level"):
        rated_levels(form, [("M.01", 7)], None)
