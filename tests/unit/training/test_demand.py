"""Demand per course from aggregated needs, computed by hand."""

from datetime import UTC, datetime

from bangkom.training.domain.catalog import CompetencyStep, Course, CourseStatus, LearningMode
from bangkom.training.domain.demand import AgencyNeeds, Need, SessionPlan, course_demand

AT = datetime(2026, 11, 1, tzinfo=UTC)


def _course(code: str, *competencies: str, status: CourseStatus = CourseStatus.PUBLISHED) -> Course:
    return Course(
        code=code,
        title=code,
        competencies=[CompetencyStep(c, 1, 3) for c in competencies],
        jp=24,
        mode=LearningMode.KLASIKAL,
        provider="BPSDM",
        cost=0,
        status=status,
        changed_at=AT,
    )


def _needs(agency: str, **respondents: int) -> AgencyNeeds:
    return AgencyNeeds(
        agency_code=agency,
        period="2027",
        survey_id="s",
        headcount=100,
        needs=tuple(
            Need(code.replace("_", "."), n, mean_gap=1.2, priority=1.0, rank=i)
            for i, (code, n) in enumerate(respondents.items(), start=1)
        ),
        aggregated_at=AT,
    )


def test_people_per_agency_count_the_larger_group_of_a_course_with_two_competencies() -> None:
    courses = [_course("PP", "M.05", "M.03"), _course("INT", "M.01")]
    needs = [_needs("1273.A", M_05=40, M_03=25), _needs("1273.B", M_03=7, M_01=3)]

    # PP: A max(40, 25) = 40, B max(0, 7) = 7 -> 47 people, classes of 30 -> 2 sessions.
    # One session is already planned -> 1 suggested. INT: B 3 -> 1 session of the default 30.
    pp, integrity = course_demand(
        "2027", courses, needs, {"PP": SessionPlan(class_size=30, upcoming=1)}
    )

    assert (pp.course_code, pp.people_per_agency, pp.people) == (
        "PP",
        {"1273.A": 40, "1273.B": 7},
        47,
    )
    assert (pp.sessions_needed, pp.sessions_scheduled, pp.suggested_sessions) == (2, 1, 1)
    assert (integrity.people, integrity.class_size, integrity.suggested_sessions) == (3, 30, 1)


def test_needs_without_a_gap_and_courses_not_offered_make_no_demand() -> None:
    courses = [_course("PP", "M.05"), _course("OLD", "M.05", status=CourseStatus.RETIRED)]
    no_gap = AgencyNeeds(
        "1273.A", "2027", "s", 10, (Need("M.05", 9, mean_gap=0.0, priority=0, rank=1),), AT
    )
    other_period = AgencyNeeds(
        "1273.B", "2026", "s", 10, (Need("M.05", 9, mean_gap=1.0, priority=1, rank=1),), AT
    )

    assert course_demand("2027", courses, [no_gap, other_period], {}) == []
