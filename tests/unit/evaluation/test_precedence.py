from datetime import UTC, datetime, timedelta, timezone

from bangkom.evaluation.domain.model import AssessmentMethod, AssessmentResult, current_results


def _result(level: int, method: AssessmentMethod, when: datetime, rid: str) -> AssessmentResult:
    return AssessmentResult(
        id=rid,
        nip="198503152010012003",
        competency_code="M.05",
        level=level,
        method=method,
        evaluated_at=when,
    )


def test_a_later_self_assessment_does_not_override_an_assessment_centre_of_the_same_year() -> None:
    centre = _result(3, AssessmentMethod.ASSESSMENT_CENTER, datetime(2026, 3, 1, tzinfo=UTC), "a")
    self_view = _result(5, AssessmentMethod.SELF, datetime(2026, 10, 1, tzinfo=UTC), "b")

    assert current_results([centre, self_view])["M.05"] is centre
    assert current_results([self_view, centre])["M.05"] is centre


def test_a_result_of_a_later_period_wins_whatever_its_method() -> None:
    centre = _result(3, AssessmentMethod.ASSESSMENT_CENTER, datetime(2025, 6, 1, tzinfo=UTC), "a")
    supervisor = _result(2, AssessmentMethod.SUPERVISOR, datetime(2026, 2, 1, tzinfo=UTC), "b")

    assert current_results([centre, supervisor])["M.05"] is supervisor


def test_the_period_is_the_year_in_western_indonesian_time() -> None:
    # 31 Dec 2025 18:00 UTC is already 1 Jan 2026 in Jakarta.
    assert (
        _result(1, AssessmentMethod.CAT, datetime(2025, 12, 31, 18, tzinfo=UTC), "x").period == 2026
    )


def test_a_post_training_evaluation_after_the_assessment_centre_is_current() -> None:
    centre = _result(1, AssessmentMethod.ASSESSMENT_CENTER, datetime(2026, 3, 1, tzinfo=UTC), "z")
    after = _result(3, AssessmentMethod.POST_TRAINING, datetime(2026, 9, 1, tzinfo=UTC), "a")
    supervisor = _result(4, AssessmentMethod.SUPERVISOR, datetime(2026, 10, 1, tzinfo=UTC), "b")

    assert current_results([after, centre, supervisor])["M.05"] is after


def test_within_a_period_and_method_the_later_assessment_wins() -> None:
    earlier = _result(2, AssessmentMethod.CAT, datetime(2026, 1, 5, tzinfo=UTC), "z")
    later = _result(4, AssessmentMethod.CAT, datetime(2026, 5, 5, tzinfo=UTC), "a")

    assert current_results([later, earlier])["M.05"] is later


def test_results_built_for_bulk_publishing_still_satisfy_the_contract() -> None:
    from bangkom.evaluation.handlers.publishing import results_recorded
    from bangkom.platform.catalog import ResultsRecorded

    wib = timezone(timedelta(hours=7))
    results = [
        _result(2, AssessmentMethod.CAT, datetime(2026, 3, 1, tzinfo=UTC), "a"),
        _result(3, AssessmentMethod.SELF, datetime(2026, 1, 1, 6, tzinfo=wib), "b"),
    ]

    event = results_recorded("198503152010012003", "12.73.BKPSDM", results)

    validated = ResultsRecorded.model_validate_json(event.data)
    assert (event.of, event.key, event.subject) == (ResultsRecorded, validated.nip, validated.nip)
    assert validated.agency_code == "12.73.BKPSDM"
    assert [
        (r.result_id, r.competency_code, r.level, r.method, r.evaluated_at, r.period, r.method_rank)
        for r in validated.results
    ] == [
        (r.id, r.competency_code, r.level, r.method.value, r.evaluated_at, r.period, r.method_rank)
        for r in results
    ]
    assert [r.method_rank for r in validated.results] == [3, 1]
    assert validated.results[1].evaluated_at.utcoffset() == timedelta(hours=7)
