import pytest

from bangkom.platform.catalog import (
    CourseUpdated,
    EmployeeUpdated,
    GapsRecalculated,
    ProposalCreated,
    ResultRecorded,
    ResultsRecorded,
    StandardPublished,
)
from bangkom.platform.catalog.evaluation import AssessedResult, StandardLevel
from bangkom.platform.catalog.training import CourseCompetency
from bangkom.recommendation.handlers import on_events
from tests import factories
from tests.unit.recommendation.fakes import FakeRecommendationUnitOfWork


@pytest.fixture
def uow() -> FakeRecommendationUnitOfWork:
    return FakeRecommendationUnitOfWork()


def _employee(nip: str, agency: str, position: str) -> EmployeeUpdated:
    return EmployeeUpdated(
        nip=nip,
        name="Rina",
        employment_type="PNS",
        agency_code=agency,
        position_code=position,
        active=True,
        changed_at=factories.at(days_ago=30),
    )


def _standard(position: str, agency: str, version: int, m05: int) -> StandardPublished:
    return StandardPublished(
        position_code=position,
        position_name="Analis",
        agency_code=agency,
        version=version,
        levels=[
            StandardLevel(
                competency_code="M.05", competency_name="Pelayanan Publik", required_level=m05
            ),
            StandardLevel(competency_code="M.01", competency_name="Integritas", required_level=3),
        ],
        published_at=factories.at(days_ago=30),
    )


def _course(code: str, level_from: int, level_to: int) -> CourseUpdated:
    return CourseUpdated(
        course_code=code,
        title="Pelayanan Publik Prima",
        competencies=[
            CourseCompetency(competency_code="M.05", level_from=level_from, level_to=level_to)
        ],
        jp=24,
        mode="klasikal",
        provider="BPSDM",
        cost=0,
        status="published",
        changed_at=factories.at(days_ago=10),
    )


def _result(nip: str, agency: str, level: int, days_ago: float) -> ResultRecorded:
    return factories.result_recorded(
        result_id=f"r-{level}-{days_ago}",
        nip=nip,
        agency_code=agency,
        level=level,
        evaluated_at=factories.at(days_ago=days_ago),
    )


async def _known_employee(uow: FakeRecommendationUnitOfWork) -> tuple[str, str]:
    nip, agency = factories.nip(), factories.agency_code()
    await on_events.on_standard_published(_standard("POS", agency, 1, m05=3), uow)
    await on_events.on_employee_updated(_employee(nip, agency, "POS"), uow)
    await on_events.on_course_updated(_course("PP-1", 1, 3), uow)
    await uow.commit()
    return nip, agency


async def test_a_result_recalculates_gaps_and_proposes_a_course_with_reasons(uow) -> None:
    nip, agency = await _known_employee(uow)

    await on_events.on_result_recorded(_result(nip, agency, level=1, days_ago=1), uow)
    await uow.commit()

    gaps = uow.events_of(GapsRecalculated)[-1]
    assert {g.competency_code: (g.gap, g.status) for g in gaps.gaps} == {
        "M.05": (2, "open"),
        "M.01": (None, "unknown"),
    }
    [proposal] = uow.events_of(ProposalCreated)
    assert (proposal.nip, proposal.course_code, proposal.agency_code) == (nip, "PP-1", agency)
    assert proposal.reasons[0].startswith("Kesenjangan 2 level pada Pelayanan Publik")


async def test_an_older_result_arriving_after_a_newer_one_changes_nothing(uow) -> None:
    nip, agency = await _known_employee(uow)
    await on_events.on_result_recorded(_result(nip, agency, level=3, days_ago=1), uow)
    await uow.commit()
    published_before = len(uow.published)

    await on_events.on_result_recorded(_result(nip, agency, level=1, days_ago=90), uow)
    await uow.commit()

    assert len(uow.published) == published_before
    assert (await uow.levels.current(nip)) == {"M.05": 3}
    assert uow.events_of(ProposalCreated) == []


async def test_a_course_published_after_the_gap_is_matched_against_it(uow) -> None:
    nip, agency = factories.nip(), factories.agency_code()
    await on_events.on_standard_published(_standard("POS", agency, 1, m05=3), uow)
    await on_events.on_employee_updated(_employee(nip, agency, "POS"), uow)
    await on_events.on_result_recorded(_result(nip, agency, level=1, days_ago=1), uow)
    assert uow.proposals.rows == []

    await on_events.on_course_updated(_course("LATE", 1, 2), uow)
    await uow.commit()

    [proposal] = uow.events_of(ProposalCreated)
    assert proposal.course_code == "LATE"


async def test_a_newer_standard_version_recalculates_the_employees_in_that_position(uow) -> None:
    nip, agency = await _known_employee(uow)
    await on_events.on_result_recorded(_result(nip, agency, level=3, days_ago=1), uow)
    await uow.commit()
    assert uow.events_of(GapsRecalculated)[-1].gaps[1].status == "met"

    await on_events.on_standard_published(_standard("POS", agency, 2, m05=4), uow)
    await on_events.on_standard_published(_standard("POS", agency, 1, m05=3), uow)
    await uow.commit()

    latest = uow.events_of(GapsRecalculated)[-1]
    assert latest.standard_version == 2
    assert {g.competency_code: g.gap for g in latest.gaps}["M.05"] == 1


async def test_a_late_roster_event_does_not_move_the_employee_back(uow) -> None:
    nip, agency = await _known_employee(uow)
    stale = _employee(nip, factories.agency_code(), "OTHER").model_copy(
        update={"changed_at": factories.at(days_ago=60)}
    )

    await on_events.on_employee_updated(stale, uow)

    placement = await uow.placements.get(nip)
    assert placement is not None
    assert placement.agency_code == agency
    assert placement.position_code == "POS"


async def test_results_recorded_together_recalculate_once(uow) -> None:
    nip, agency = await _known_employee(uow)
    before = len(uow.events_of(GapsRecalculated))
    together = ResultsRecorded(
        nip=nip,
        agency_code=agency,
        results=[
            AssessedResult(
                result_id=f"r{code}",
                competency_code=code,
                level=1,
                method="cat",
                evaluated_at=factories.at(days_ago=2),
                period=factories.at().year,
                method_rank=5,
            )
            for code in ("M.01", "M.05")
        ],
    )

    await on_events.on_results_recorded(together, uow)
    await uow.commit()

    assert len(uow.events_of(GapsRecalculated)) == before + 1
    assert await uow.levels.current(nip) == {"M.01": 1, "M.05": 1}
