"""The recommendation handlers on fakes: read models, gaps, proposals and their life."""

from datetime import timedelta

import pytest
from prometheus_client import REGISTRY

from bangkom.platform.catalog import (
    CompletionRecorded,
    CourseUpdated,
    DevelopmentPlanApproved,
    EmployeeUpdated,
    EnrolmentChanged,
    EnrolmentRequestDeclined,
    GapsRecalculated,
    NeedsAggregated,
    ProposalCreated,
    ProposalDecided,
    ProposalStatusChanged,
    ResultRecorded,
    ResultsRecorded,
    StandardPublished,
)
from bangkom.platform.catalog.career import PlanItem
from bangkom.platform.catalog.evaluation import AssessedResult, StandardLevel
from bangkom.platform.catalog.survey import Need
from bangkom.platform.catalog.training import CourseCompetency
from bangkom.platform.clock import utc_now
from bangkom.platform.errors import AccessDenied, InvalidInput, NotFound
from bangkom.platform.messaging.causation import Cause, caused_by
from bangkom.recommendation.bootstrap import policy_of
from bangkom.recommendation.config import RecommendationSettings
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus
from bangkom.recommendation.handlers import commands, on_events
from bangkom.recommendation.handlers.on_commands import decisions
from bangkom.recommendation.handlers.queries.employees import (
    list_proposals,
    pending_recalculations,
)
from bangkom.recommendation.handlers.recalculation import (
    defer_recalculations,
    recalculate_deferred,
)
from bangkom.recommendation.handlers.workers import expire_stale, recalculate_batch
from tests import factories
from tests.unit.recommendation.fakes import FakeRecommendationUnitOfWork


@pytest.fixture
def uow() -> FakeRecommendationUnitOfWork:
    return FakeRecommendationUnitOfWork()


def _employee(nip: str, agency: str, position: str, **changes: object) -> EmployeeUpdated:
    event = EmployeeUpdated(
        nip=nip,
        name="Rina",
        employment_type="PNS",
        agency_code=agency,
        position_code=position,
        active=True,
        changed_at=factories.at(days_ago=30),
    )
    return event.model_copy(update=changes)


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
        published_at=factories.at(days_ago=30 - version),
    )


def _course(code: str, level_from: int, level_to: int, competency: str = "M.05") -> CourseUpdated:
    return CourseUpdated(
        course_code=code,
        title="Pelayanan Publik Prima",
        competencies=[
            CourseCompetency(competency_code=competency, level_from=level_from, level_to=level_to)
        ],
        jp=24,
        mode="klasikal",
        provider="BPSDM",
        cost=0,
        status="published",
        changed_at=factories.at(days_ago=10),
    )


def _result(
    nip: str, agency: str, level: int, days_ago: float, code: str = "M.05"
) -> ResultRecorded:
    return factories.result_recorded(
        result_id=f"r-{code}-{level}-{days_ago}",
        nip=nip,
        agency_code=agency,
        competency_code=code,
        level=level,
        evaluated_at=factories.at(days_ago=days_ago),
    )


async def _standard_applied(uow: FakeRecommendationUnitOfWork, event: StandardPublished) -> None:
    await on_events.on_standard_published(event, uow)
    await recalculate_batch(lambda: uow, batch_size=100)


async def _known_employee(uow: FakeRecommendationUnitOfWork) -> tuple[str, str]:
    nip, agency = factories.nip(), factories.agency_code()
    await on_events.on_employee_updated(_employee(nip, agency, "POS"), uow)
    await _standard_applied(uow, _standard("POS", agency, 1, m05=3))
    await on_events.on_course_updated(_course("PP-1", 1, 3), uow)
    await uow.commit()
    return nip, agency


async def _proposed(uow: FakeRecommendationUnitOfWork) -> tuple[str, str, str]:
    nip, agency = await _known_employee(uow)
    await on_events.on_result_recorded(_result(nip, agency, level=1, days_ago=5), uow)
    await uow.commit()
    [proposal] = uow.events_of(ProposalCreated)
    return nip, agency, proposal.proposal_id  # type: ignore[attr-defined]


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


async def test_unchanged_gaps_are_not_published_again(uow) -> None:
    nip, agency = await _known_employee(uow)
    await on_events.on_result_recorded(_result(nip, agency, level=2, days_ago=5), uow)
    await uow.commit()
    before = len(uow.events_of(GapsRecalculated))

    # A later assessment at the same level: current level, and so the gaps, unchanged.
    await on_events.on_result_recorded(_result(nip, agency, level=2, days_ago=1), uow)
    await uow.commit()

    assert len(uow.events_of(GapsRecalculated)) == before


async def test_a_course_published_after_the_gap_is_matched_against_it(uow) -> None:
    nip, agency = factories.nip(), factories.agency_code()
    await on_events.on_employee_updated(_employee(nip, agency, "POS"), uow)
    await _standard_applied(uow, _standard("POS", agency, 1, m05=3))
    await on_events.on_result_recorded(_result(nip, agency, level=1, days_ago=1), uow)
    assert uow.proposals.rows == {}

    await on_events.on_course_updated(_course("LATE", 1, 2), uow)
    await uow.commit()
    assert uow.events_of(ProposalCreated) == []  # queued, like after a standard change

    assert await recalculate_batch(lambda: uow, batch_size=100) == 1
    [proposal] = uow.events_of(ProposalCreated)
    assert proposal.course_code == "LATE"


async def test_a_standard_change_recalculates_only_the_employees_of_that_position(uow) -> None:
    agency = factories.agency_code()
    touched, untouched = factories.nip(), factories.nip()
    await on_events.on_employee_updated(_employee(touched, agency, "POS"), uow)
    await on_events.on_employee_updated(_employee(untouched, agency, "OTHER"), uow)
    await _standard_applied(uow, _standard("POS", agency, 1, m05=3))
    await _standard_applied(uow, _standard("OTHER", agency, 1, m05=3))
    await uow.commit()
    uow.published.clear()

    await on_events.on_standard_published(_standard("POS", agency, 2, m05=4), uow)
    await on_events.on_standard_published(_standard("POS", agency, 1, m05=2), uow)  # stale
    assert await uow.recalculations.pending() == 1
    assert await recalculate_batch(lambda: uow, batch_size=100) == 1
    await uow.commit()

    [event] = uow.events_of(GapsRecalculated)
    assert (event.nip, event.standard_version) == (touched, 2)  # type: ignore[attr-defined]
    assert await uow.recalculations.pending() == 0


async def test_a_late_roster_event_does_not_move_the_employee_back(uow) -> None:
    nip, agency = await _known_employee(uow)
    stale = _employee(nip, factories.agency_code(), "OTHER", changed_at=factories.at(days_ago=60))

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


async def test_an_accepted_enrolled_proposal_is_fulfilled_when_a_later_result_closes_the_gap(
    uow,
) -> None:
    nip, agency, proposal_id = await _proposed(uow)

    await decisions.decide_proposal(
        commands.DecideProposal(
            caller=factories.operator(agency), proposal_id=proposal_id, accept=True
        ),
        uow,
    )
    await on_events.on_enrolment_changed(
        EnrolmentChanged(
            enrolment_id="e1",
            nip=nip,
            agency_code=agency,
            session_code="S1",
            course_code="PP-1",
            status="enrolled",
            proposal_id=proposal_id,
            changed_at=factories.at(days_ago=4),
        ),
        uow,
    )
    await on_events.on_result_recorded(_result(nip, agency, level=3, days_ago=1), uow)
    await uow.commit()

    [decided] = uow.events_of(ProposalDecided)
    assert decided.decision == "accepted"  # type: ignore[attr-defined]
    assert [e.status for e in uow.events_of(ProposalStatusChanged)] == ["enrolled", "fulfilled"]  # type: ignore[attr-defined]
    assert uow.proposals.rows[proposal_id].status is ProposalStatus.FULFILLED


async def test_a_rejection_needs_a_reason_and_an_outsider_cannot_decide(uow) -> None:
    _, agency, proposal_id = await _proposed(uow)

    with pytest.raises(InvalidInput, match="reason"):
        await decisions.decide_proposal(
            commands.DecideProposal(
                caller=factories.operator(agency), proposal_id=proposal_id, accept=False
            ),
            uow,
        )
    with pytest.raises(NotFound):
        await decisions.decide_proposal(
            commands.DecideProposal(
                caller=factories.operator(factories.agency_code()),
                proposal_id=proposal_id,
                accept=True,
            ),
            uow,
        )
    assert uow.proposals.rows[proposal_id].status is ProposalStatus.PROPOSED


async def test_the_supervisor_may_decide_for_a_subordinate(uow) -> None:
    nip, agency = factories.nip(), factories.agency_code()
    boss = factories.nip()
    await on_events.on_employee_updated(_employee(nip, agency, "POS", supervisor_nip=boss), uow)
    await _standard_applied(uow, _standard("POS", agency, 1, m05=3))
    await on_events.on_course_updated(_course("PP-1", 1, 3), uow)
    await on_events.on_result_recorded(_result(nip, agency, level=1, days_ago=1), uow)
    [proposal_id] = uow.proposals.rows

    decided = await decisions.decide_proposal(
        commands.DecideProposal(
            caller=factories.employee_caller(boss),
            proposal_id=proposal_id,
            accept=False,
            reason="Sudah ikut diklat serupa",
        ),
        uow,
    )

    assert decided.status is ProposalStatus.REJECTED
    assert decided.status_reason == "Sudah ikut diklat serupa"


async def test_an_employee_accepting_their_own_free_e_learning_proposal_publishes_it(
    uow,
) -> None:
    nip, agency = factories.nip(), factories.agency_code()
    await on_events.on_employee_updated(_employee(nip, agency, "POS"), uow)
    await _standard_applied(uow, _standard("POS", agency, 1, m05=3))
    online = _course("EL-1", 1, 3).model_copy(update={"mode": "e_learning"})
    await on_events.on_course_updated(online, uow)
    await on_events.on_result_recorded(_result(nip, agency, level=1, days_ago=1), uow)
    [proposal_id] = uow.proposals.rows
    own = factories.employee_caller(nip)

    with pytest.raises(AccessDenied):
        await decisions.decide_proposal(
            commands.DecideProposal(caller=own, proposal_id=proposal_id, accept=False, reason="x"),
            uow,
        )
    decided = await decisions.decide_proposal(
        commands.DecideProposal(caller=own, proposal_id=proposal_id, accept=True), uow
    )
    await uow.commit()

    assert decided.status is ProposalStatus.ACCEPTED
    [published] = uow.events_of(ProposalDecided)
    assert (published.decision, published.decided_by, published.course_code) == (  # type: ignore[attr-defined]
        "accepted",
        nip,
        "EL-1",
    )


async def test_the_agencys_needs_weigh_in_and_a_completed_course_is_not_proposed_again(
    uow,
) -> None:
    nip, agency = await _known_employee(uow)
    await on_events.on_needs_aggregated(
        NeedsAggregated(
            survey_id="s1",
            agency_code=agency,
            period="2027",
            headcount=40,
            needs=[
                Need(
                    competency_code="M.05",
                    respondents=30,
                    mean_importance=4.5,
                    mean_gap=1.2,
                    priority=0.9,
                    rank=1,
                )
            ],
            aggregated_at=factories.at(days_ago=20),
        ),
        uow,
    )
    await on_events.on_completion_recorded(
        CompletionRecorded(
            completion_id="c1",
            nip=nip,
            agency_code=agency,
            course_code="PP-1",
            outcome="passed",
            jp=24,
            mode="klasikal",
            source="session",
            completed_at=factories.at(days_ago=15),
        ),
        uow,
    )
    await on_events.on_course_updated(_course("PP-2", 1, 3), uow)

    await on_events.on_result_recorded(_result(nip, agency, level=1, days_ago=1), uow)
    await uow.commit()

    [proposal] = uow.events_of(ProposalCreated)
    assert proposal.course_code == "PP-2"  # type: ignore[attr-defined]
    assert "Prioritas kebutuhan #1 di instansi (survei kebutuhan 2027)" in proposal.reasons  # type: ignore[attr-defined]
    assert not any(r.startswith("Baru ") for r in proposal.reasons)  # type: ignore[attr-defined]


async def test_an_undecided_proposal_expires_after_the_policy_allows(uow) -> None:
    _, _, proposal_id = await _proposed(uow)
    policy = policy_of(RecommendationSettings(proposal_ttl_days=30))

    await expire_stale(
        lambda: uow, policy=policy, clock=lambda: factories.at() + timedelta(days=31)
    )

    assert uow.proposals.rows[proposal_id].status is ProposalStatus.EXPIRED
    assert [e.status for e in uow.events_of(ProposalStatusChanged)] == ["expired"]  # type: ignore[attr-defined]


async def test_an_accepted_proposal_training_cannot_enrol_expires_with_the_reason(uow) -> None:
    nip, agency, proposal_id = await _proposed(uow)
    await decisions.decide_proposal(
        commands.DecideProposal(
            caller=factories.operator(agency), proposal_id=proposal_id, accept=True
        ),
        uow,
    )

    await on_events.on_enrolment_request_declined(
        EnrolmentRequestDeclined(
            proposal_id=proposal_id,
            nip=nip,
            agency_code=agency,
            course_code="PP-1",
            reason="course PP-1 is not offered",
            declined_at=factories.at(),
        ),
        uow,
    )

    expired = uow.proposals.rows[proposal_id]
    assert expired.status is ProposalStatus.EXPIRED
    assert expired.status_reason == ("pendaftaran tidak dapat diproses: course PP-1 is not offered")


async def test_within_a_batch_each_employee_is_recalculated_once_as_of_the_latest_event(
    uow,
) -> None:
    nip, agency = await _known_employee(uow)
    before = len(uow.events_of(GapsRecalculated))
    events = [_result(nip, agency, level=1, days_ago=3), _result(nip, agency, 2, 2, "M.01")]

    await defer_recalculations(uow, events)
    for event in events:
        await on_events.on_result_recorded(event, uow)
    await recalculate_deferred(uow)
    await uow.commit()

    assert len(uow.events_of(GapsRecalculated)) == before + 1
    latest = uow.events_of(GapsRecalculated)[-1]
    assert latest.calculated_at == events[1].evaluated_at  # type: ignore[attr-defined]
    assert {g.competency_code: g.current_level for g in latest.gaps} == {"M.05": 1, "M.01": 2}  # type: ignore[attr-defined]


async def test_recalculation_progress_is_for_those_who_see_every_agency(uow) -> None:
    await uow.recalculations.enqueue([factories.nip()], "standar POS versi 2", factories.at())

    assert await pending_recalculations(uow, factories.admin()) == 1
    with pytest.raises(AccessDenied):
        await pending_recalculations(uow, factories.operator(factories.agency_code()))


async def test_a_proposal_caused_by_a_result_measures_the_loop_from_the_results_recording(
    uow,
) -> None:
    nip, agency = await _known_employee(uow)
    count = "bangkom_result_to_proposal_seconds_count"
    total = "bangkom_result_to_proposal_seconds_sum"
    before = (REGISTRY.get_sample_value(count) or 0.0, REGISTRY.get_sample_value(total) or 0.0)
    result = _result(nip, agency, level=1, days_ago=1)

    # The consumer knows when the result's event was written: 3 s before it is handled.
    with caused_by(Cause(ResultRecorded.TYPE, utc_now() - timedelta(seconds=3))):
        await on_events.on_result_recorded(result, uow)
    await uow.commit()

    assert len(uow.events_of(ProposalCreated)) == 1
    assert REGISTRY.get_sample_value(count) == before[0] + 1
    assert 3.0 <= REGISTRY.get_sample_value(total) - before[1] < 10.0  # type: ignore[operator]


async def test_a_proposal_list_is_a_page_of_the_callers_scope_with_its_total(uow) -> None:
    agency, other = factories.agency_code(), factories.agency_code()
    employee = factories.nip()
    now = utc_now()

    def proposal(n: int, agency_code: str, nip: str, status: ProposalStatus) -> Proposal:
        return Proposal(
            id=f"P-{n}",
            nip=nip,
            agency_code=agency_code,
            competency_code="M.05",
            course_code="PP-1",
            current_level=1,
            required_level=3,
            jp=20,
            score=1.0,
            reasons=(),
            status=status,
            created_at=now - timedelta(minutes=n),
            updated_at=now,
        )

    for made in (
        proposal(1, agency, employee, ProposalStatus.PROPOSED),
        proposal(2, agency, factories.nip(), ProposalStatus.PROPOSED),
        proposal(3, agency, employee, ProposalStatus.ACCEPTED),
        proposal(4, other, factories.nip(), ProposalStatus.PROPOSED),
    ):
        await uow.proposals.add(made)
    operator = factories.operator(agency)
    waiting = ProposalStatus.PROPOSED

    first, total = await list_proposals(uow, operator, status=waiting, limit=1)
    own, own_total = await list_proposals(uow, factories.employee_caller(employee))
    foreign = await list_proposals(uow, operator, agency_code=other, status=waiting)

    assert ([p.id for p in first], total) == (["P-1"], 2)
    assert ({p.id for p in own}, own_total) == ({"P-1", "P-3"}, 2)
    assert foreign == ([], 0)


async def test_an_approved_development_plan_becomes_accepted_proposals_once(uow) -> None:
    nip, agency = await _known_employee(uow)  # own standard: M.05 at 3
    approved = DevelopmentPlanApproved(
        plan_id="plan-1",
        nip=nip,
        agency_code=agency,
        target_position_code="KABID",
        items=[
            PlanItem(
                competency_code="M.05",
                course_code="PP-2",
                current_level=3,
                required_level=4,
                jp=24,
                score=1.0,
                reasons=["Menutup kesenjangan M.05 untuk jabatan target KABID"],
            )
        ],
        approved_by="atasan",
        approved_at=factories.at(days_ago=1),
    )

    await on_events.on_development_plan_approved(approved, uow)
    await on_events.on_development_plan_approved(approved, uow)  # a replay adds nothing
    # A result meeting the own standard (3) does not settle a proposal toward the target (4).
    await on_events.on_result_recorded(_result(nip, agency, level=3, days_ago=0.5), uow)
    await uow.commit()

    [created] = [e for e in uow.events_of(ProposalCreated) if e.plan_id == "plan-1"]  # type: ignore[attr-defined]
    [decided] = uow.events_of(ProposalDecided)
    assert (created.course_code, decided.decision, decided.decided_by) == (  # type: ignore[attr-defined]
        "PP-2",
        "accepted",
        "atasan",
    )
    [proposal] = [p for p in await uow.proposals.of_person(nip) if p.plan_id == "plan-1"]
    assert proposal.status is ProposalStatus.ACCEPTED
    assert uow.events_of(ProposalStatusChanged) == []
