"""Training commands and events on in-memory repositories, with a pinned clock."""

import dataclasses
from datetime import timedelta

import pytest

from bangkom.platform.catalog import (
    CompletionRecorded,
    ComplianceFellBehind,
    CourseUpdated,
    EnrolmentChanged,
    EnrolmentRequestDeclined,
    SessionUpdated,
)
from bangkom.platform.errors import AccessDenied, Conflict, InvalidInput, NotFound
from bangkom.training.bootstrap import build_bus
from bangkom.training.domain.catalog import CompetencyStep, CourseStatus, LearningMode
from bangkom.training.domain.completions import CompletionOutcome, CompletionSource
from bangkom.training.domain.enrolments import EnrolmentStatus, RequestStatus
from bangkom.training.domain.sessions import SessionStatus
from bangkom.training.handlers import commands, on_events, queries
from tests import factories
from tests.unit.training import factories as training
from tests.unit.training.fakes import FakeTrainingUnitOfWork


@pytest.fixture
def clock() -> training.PinnedClock:
    return training.PinnedClock()


@pytest.fixture
def uow() -> FakeTrainingUnitOfWork:
    return FakeTrainingUnitOfWork()


@pytest.fixture
def bus(uow: FakeTrainingUnitOfWork, clock: training.PinnedClock):
    return build_bus(lambda: uow, clock)


async def _employee(uow, clock, agency: str | None = None, **fields) -> tuple[str, str]:
    event = training.employee_updated(agency=agency, **fields)
    await on_events.on_employee_updated(event, uow, clock=clock)
    await uow.commit()
    return event.nip, event.agency_code


async def _course_with_session(bus, clock, capacity: int = 30, **course) -> tuple[str, str]:
    command = training.publish_course(**course)
    await bus.handle(command)
    roll = await bus.handle(training.schedule_session(command.code, clock(), capacity=capacity))
    return command.code, roll.session.code


async def test_a_course_and_its_session_are_announced(bus, uow, clock) -> None:
    course, session = await _course_with_session(bus, clock)

    [course_event] = uow.events_of(CourseUpdated)
    [session_event] = uow.events_of(SessionUpdated)
    assert course_event.course_code == course
    assert (session_event.session_code, session_event.status, session_event.capacity) == (
        session,
        "open",
        30,
    )


async def test_only_a_province_admin_or_a_service_schedules_sessions(bus, clock) -> None:
    command = training.publish_course()
    await bus.handle(command)

    with pytest.raises(AccessDenied):
        await bus.handle(
            training.schedule_session(
                command.code, clock(), caller=factories.operator("1273.BKPSDM")
            )
        )


async def test_an_operator_enrols_only_employees_of_their_agencies(bus, uow, clock) -> None:
    nip, agency = await _employee(uow, clock)
    _, session = await _course_with_session(bus, clock)

    with pytest.raises(NotFound):
        await bus.handle(
            commands.EnrolEmployee(factories.operator(factories.agency_code()), session, nip)
        )
    enrolment = await bus.handle(commands.EnrolEmployee(factories.operator(agency), session, nip))

    assert enrolment.status is EnrolmentStatus.ENROLLED
    [event] = uow.events_of(EnrolmentChanged)
    assert (event.nip, event.agency_code, event.status, event.proposal_id) == (
        nip,
        agency,
        "enrolled",
        None,
    )


async def test_enrolment_needs_the_prerequisites_completed(bus, uow, clock) -> None:
    nip, _ = await _employee(uow, clock)
    basic = training.publish_course()
    await bus.handle(basic)
    _, session = await _course_with_session(bus, clock, prerequisites=[basic.code])

    with pytest.raises(Conflict, match=basic.code):
        await bus.handle(commands.EnrolEmployee(factories.admin(), session, nip))


async def test_one_enrolment_per_person_and_course_at_a_time(bus, uow, clock) -> None:
    nip, _ = await _employee(uow, clock)
    course, first = await _course_with_session(bus, clock)
    second = await bus.handle(training.schedule_session(course, clock(), batch=2))
    await bus.handle(commands.EnrolEmployee(factories.admin(), first, nip))

    with pytest.raises(Conflict, match=f"already enrolled in session {first}"):
        await bus.handle(commands.EnrolEmployee(factories.admin(), second.session.code, nip))


async def test_an_accepted_proposal_lands_in_the_open_session_with_a_seat_that_starts_first(
    bus, uow, clock
) -> None:
    nip, agency = await _employee(uow, clock)
    seated, _ = await _employee(uow, clock, agency)
    course = training.publish_course()
    await bus.handle(course)
    schedule = training.schedule_session
    full = await bus.handle(schedule(course.code, clock(), batch=1, capacity=1, starts_in_days=10))
    later = await bus.handle(schedule(course.code, clock(), batch=2, starts_in_days=30))
    await bus.handle(
        schedule(course.code, clock(), batch=3, starts_in_days=20, status=SessionStatus.PLANNED)
    )
    await bus.handle(commands.EnrolEmployee(factories.admin(), full.session.code, seated))
    decided = training.proposal_decided(nip, agency, course.code)

    await on_events.on_proposal_decided(decided, uow, clock=clock)
    await on_events.on_proposal_decided(decided, uow, clock=clock)  # redelivered
    await uow.commit()

    event = uow.events_of(EnrolmentChanged)[-1]
    assert (event.nip, event.session_code, event.status, event.proposal_id) == (
        nip,
        later.session.code,
        "enrolled",
        decided.proposal_id,
    )
    assert len([e for e in uow.events_of(EnrolmentChanged) if e.nip == nip]) == 1
    request = uow.requests.rows[decided.proposal_id]
    assert (request.status, request.enrolment_id) == (RequestStatus.PLACED, event.enrolment_id)


async def test_a_proposal_waitlists_when_every_open_session_is_full(bus, uow, clock) -> None:
    nip, agency = await _employee(uow, clock)
    seated, _ = await _employee(uow, clock, agency)
    course, session = await _course_with_session(bus, clock, capacity=1)
    await bus.handle(commands.EnrolEmployee(factories.admin(), session, seated))

    await on_events.on_proposal_decided(
        training.proposal_decided(nip, agency, course), uow, clock=clock
    )
    await uow.commit()

    assert uow.events_of(EnrolmentChanged)[-1].status == "waitlisted"


async def test_a_rejected_proposal_enrols_nobody(bus, uow, clock) -> None:
    nip, agency = await _employee(uow, clock)
    course, _ = await _course_with_session(bus, clock)

    await on_events.on_proposal_decided(
        training.proposal_decided(nip, agency, course, decision="rejected"), uow, clock=clock
    )
    await uow.commit()

    assert uow.events_of(EnrolmentChanged) == []
    assert uow.requests.rows == {}


async def test_a_proposal_without_an_open_session_waits_until_one_opens(bus, uow, clock) -> None:
    nip, agency = await _employee(uow, clock)
    course = training.publish_course()
    await bus.handle(course)
    planned = training.schedule_session(course.code, clock(), status=SessionStatus.PLANNED)
    await bus.handle(planned)
    decided = training.proposal_decided(nip, agency, course.code)

    await on_events.on_proposal_decided(decided, uow, clock=clock)
    await uow.commit()
    waiting = uow.requests.rows[decided.proposal_id]
    clock.advance(days=1)
    await bus.handle(
        training.schedule_session(
            course.code, clock(), code=planned.code, status=SessionStatus.OPEN
        )
    )

    assert waiting.status is RequestStatus.WAITING
    assert "no session" in (waiting.reason or "")
    [event] = uow.events_of(EnrolmentChanged)
    assert (event.nip, event.session_code, event.proposal_id) == (
        nip,
        planned.code,
        decided.proposal_id,
    )
    assert uow.requests.rows[decided.proposal_id].status is RequestStatus.PLACED


async def test_the_daily_placement_enrols_proposals_once_an_enrolment_window_opens(
    bus, uow, clock
) -> None:
    nip, agency = await _employee(uow, clock)
    course = training.publish_course()
    await bus.handle(course)
    opens_later = training.schedule_session(course.code, clock(), starts_in_days=40)
    opens_later = dataclasses.replace(opens_later, enrolment_opens_at=clock() + timedelta(days=10))
    await bus.handle(opens_later)
    decided = training.proposal_decided(nip, agency, course.code)
    await on_events.on_proposal_decided(decided, uow, clock=clock)
    await uow.commit()

    placed_too_early = await bus.handle(commands.PlaceWaitingRequests(factories.admin()))
    clock.advance(days=10)
    placed = await bus.handle(commands.PlaceWaitingRequests(factories.admin()))

    assert (placed_too_early, placed) == (0, 1)
    [event] = uow.events_of(EnrolmentChanged)
    assert (event.session_code, event.proposal_id) == (opens_later.code, decided.proposal_id)


async def test_a_proposal_for_someone_already_enrolled_is_linked_to_that_enrolment(
    bus, uow, clock
) -> None:
    nip, agency = await _employee(uow, clock)
    course, session = await _course_with_session(bus, clock)
    enrolment = await bus.handle(commands.EnrolEmployee(factories.admin(), session, nip))
    decided = training.proposal_decided(nip, agency, course)

    await on_events.on_proposal_decided(decided, uow, clock=clock)
    await uow.commit()

    [first, linked] = uow.events_of(EnrolmentChanged)
    assert linked.enrolment_id == enrolment.id == first.enrolment_id
    assert linked.proposal_id == decided.proposal_id
    # The same instant on the pinned clock, yet stamped later: consumers keep the link.
    assert linked.changed_at > first.changed_at
    assert uow.requests.rows[decided.proposal_id].enrolment_id == enrolment.id


async def _enrolled(bus, uow, clock, jp: int = 24):
    nip, agency = await _employee(uow, clock)
    competencies = [CompetencyStep("M.05", 1, 3), CompetencyStep("M.02", 2, 3)]
    course, session = await _course_with_session(bus, clock, jp=jp, competencies=competencies)
    enrolment = await bus.handle(commands.EnrolEmployee(factories.admin(), session, nip))
    return nip, agency, course, session, enrolment


async def test_a_completion_credits_the_ledger_and_tells_evaluation_what_was_developed(
    bus, uow, clock
) -> None:
    nip, agency, course, session, enrolment = await _enrolled(bus, uow, clock)
    clock.advance(days=16)  # the session has run

    await bus.handle(
        commands.RecordSessionCompletion(
            factories.operator(agency), enrolment.id, CompletionOutcome.PASSED, score=88.0
        )
    )

    [event] = uow.events_of(CompletionRecorded)
    assert (event.nip, event.course_code, event.session_code, event.jp, event.source) == (
        nip,
        course,
        session,
        24,
        "session",
    )
    assert [(c.competency_code, c.level_from, c.level_to) for c in event.competencies] == [
        ("M.05", 1, 3),
        ("M.02", 2, 3),
    ]
    ledger = await queries.employee_ledger(uow, factories.employee_caller(nip), nip, 2027)
    assert (ledger.total_jp, ledger.missing_jp) == (24, 0)


async def test_a_failed_course_credits_no_jp_and_is_completed_only_once(bus, uow, clock) -> None:
    nip, _, _, _, enrolment = await _enrolled(bus, uow, clock)
    clock.advance(days=16)
    failed = commands.RecordSessionCompletion(
        factories.admin(), enrolment.id, CompletionOutcome.FAILED, score=41.0
    )

    await bus.handle(failed)
    with pytest.raises(Conflict, match="already completed"):
        await bus.handle(failed)

    [event] = uow.events_of(CompletionRecorded)
    assert (event.outcome, event.jp) == ("failed", 0)
    assert (await queries.employee_ledger(uow, factories.admin(), nip, 2027)).total_jp == 0


async def test_a_session_cannot_be_completed_before_it_starts(bus, uow, clock) -> None:
    *_, enrolment = await _enrolled(bus, uow, clock)

    with pytest.raises(InvalidInput, match="before session"):
        await bus.handle(
            commands.RecordSessionCompletion(
                factories.admin(), enrolment.id, CompletionOutcome.ATTENDED
            )
        )


async def test_an_outside_completion_keeps_its_source_and_counts_once(bus, uow, clock) -> None:
    nip, agency = await _employee(uow, clock)
    report = commands.RecordExternalCompletion(
        caller=factories.operator(agency),
        nip=nip,
        source=CompletionSource.CERTIFICATE,
        reference="LAN-2027-0042",
        outcome=CompletionOutcome.ATTENDED,
        completed_at=clock() - timedelta(days=3),
        title="Webinar Manajemen Talenta",
        jp=4,
        mode=LearningMode.SEMINAR,
    )

    completion = await bus.handle(report)
    with pytest.raises(Conflict, match="LAN-2027-0042"):
        await bus.handle(report)

    assert (completion.source, completion.reference, completion.credited_jp) == (
        CompletionSource.CERTIFICATE,
        "LAN-2027-0042",
        4,
    )
    [event] = uow.events_of(CompletionRecorded)
    assert (event.course_code, event.source, event.mode) == (None, "certificate", "seminar")


async def test_an_outside_completion_without_a_course_must_say_what_it_was(bus, uow, clock) -> None:
    nip, _ = await _employee(uow, clock)

    with pytest.raises(InvalidInput, match="title, jp and mode"):
        await bus.handle(
            commands.RecordExternalCompletion(
                caller=factories.admin(),
                nip=nip,
                source=CompletionSource.LMS,
                reference="lms-1",
                outcome=CompletionOutcome.PASSED,
                completed_at=clock(),
            )
        )


async def test_the_compliance_check_alerts_when_an_agency_falls_behind_not_every_day(
    bus, uow, clock
) -> None:
    agency = factories.agency_code()
    nip, _ = await _employee(uow, clock, agency)
    await _employee(uow, clock, agency)
    await bus.handle(
        commands.RecordExternalCompletion(
            caller=factories.admin(),
            nip=nip,
            source=CompletionSource.LMS,
            reference="lms-7",
            outcome=CompletionOutcome.PASSED,
            completed_at=training.wib(2027, 1, 10),
            title="E-learning Orientasi",
            jp=10,
            mode=LearningMode.E_LEARNING,
        )
    )
    check = commands.CheckCompliance(factories.admin())

    # 26 May 2027 (day 146 = 0.4 of the year): 2 x 20 x 0.4 = 16 expected, 10 earned.
    clock.set(training.wib(2027, 5, 26))
    [first] = await bus.handle(check)
    clock.advance(days=1)
    [second] = await bus.handle(check)

    assert (first.alerted, second.alerted, second.pace.behind) == (True, False, True)
    [event] = uow.events_of(ComplianceFellBehind)
    assert (event.agency_code, event.employees, event.below_target, event.jp_missing) == (
        agency,
        2,
        2,
        30,
    )
    assert (event.expected_jp_to_date, event.actual_jp_to_date) == (16.0, 10)


async def test_someone_leaving_the_service_gives_their_seat_to_the_waitlist(
    bus, uow, clock
) -> None:
    leaving, agency = await _employee(uow, clock)
    waiting, _ = await _employee(uow, clock, agency)
    _, session = await _course_with_session(bus, clock, capacity=1)
    await bus.handle(commands.EnrolEmployee(factories.admin(), session, leaving))
    await bus.handle(commands.EnrolEmployee(factories.admin(), session, waiting))

    retired = training.employee_updated(
        leaving, agency, active=False, changed_at=factories.at(days_ago=0)
    )
    await on_events.on_employee_updated(retired, uow, clock=clock)
    await uow.commit()

    last_two = [(e.nip, e.status) for e in uow.events_of(EnrolmentChanged)[-2:]]
    assert last_two == [(leaving, "cancelled"), (waiting, "enrolled")]


async def test_an_older_roster_event_does_not_undo_a_newer_one(uow, clock) -> None:
    nip, agency = await _employee(uow, clock)
    moved = training.employee_updated(nip, "1273.DINKES", changed_at=factories.at(days_ago=1))
    stale = training.employee_updated(nip, agency, changed_at=factories.at(days_ago=400))

    for event in (moved, stale):
        await on_events.on_employee_updated(event, uow, clock=clock)

    assert uow.employees.rows[nip].agency_code == "1273.DINKES"


async def test_cancelling_a_session_sends_proposals_back_to_wait(bus, uow, clock) -> None:
    nip, agency = await _employee(uow, clock)
    course, session = await _course_with_session(bus, clock)
    decided = training.proposal_decided(nip, agency, course)
    await on_events.on_proposal_decided(decided, uow, clock=clock)
    await uow.commit()

    await bus.handle(
        training.schedule_session(course, clock(), code=session, status=SessionStatus.CANCELLED)
    )

    assert uow.events_of(EnrolmentChanged)[-1].status == "cancelled"
    request = uow.requests.rows[decided.proposal_id]
    assert (request.status, request.reason) == (
        RequestStatus.WAITING,
        f"session {session} was cancelled",
    )


async def test_employees_read_only_their_own_ledger_and_operators_their_agencies(
    uow, clock
) -> None:
    nip, agency = await _employee(uow, clock)
    other, _ = await _employee(uow, clock)

    own = await queries.employee_ledger(uow, factories.employee_caller(nip), nip, 2027)
    with pytest.raises(NotFound):
        await queries.employee_ledger(uow, factories.employee_caller(other), nip, 2027)
    with pytest.raises(NotFound):
        await queries.employee_ledger(uow, factories.operator(factories.agency_code()), nip, 2027)

    assert own.nip == nip
    assert (await queries.employee_ledger(uow, factories.operator(agency), nip, 2027)).nip == nip


async def test_drafts_are_for_curators_only(bus, uow) -> None:
    draft = training.publish_course(status=CourseStatus.DRAFT)
    await bus.handle(draft)

    with pytest.raises(NotFound):
        await queries.get_course(uow, factories.operator("1273.BKPSDM"), draft.code)
    assert (await queries.get_course(uow, factories.admin(), draft.code)).code == draft.code


async def test_demand_follows_the_latest_needs_of_each_agency(bus, uow, clock) -> None:
    course = training.publish_course()
    await bus.handle(course)
    agency = factories.agency_code()
    newer = training.needs_aggregated(
        agency, {"M.05": (12, 1.5)}, aggregated_at=factories.at(days_ago=1)
    )
    older = training.needs_aggregated(
        agency, {"M.05": (99, 1.5)}, aggregated_at=factories.at(days_ago=30)
    )

    for event in (newer, older):
        await on_events.on_needs_aggregated(event, uow, clock=clock)
    [demand] = await queries.course_demand(uow, factories.admin(), period=None, now=clock())
    hidden = await queries.course_demand(
        uow, factories.operator(factories.agency_code()), period=None, now=clock()
    )

    assert (demand.course_code, demand.people_per_agency, demand.suggested_sessions) == (
        course.code,
        {agency: 12},
        1,
    )
    assert hidden == []


async def test_the_catalog_follows_its_log_and_ignores_older_course_states(bus, uow, clock) -> None:
    command = training.publish_course(jp=24)
    await bus.handle(command)
    [published] = uow.events_of(CourseUpdated)
    older = published.model_copy(
        update={"jp": 8, "changed_at": published.changed_at - timedelta(1)}
    )
    newer = published.model_copy(
        update={"jp": 32, "changed_at": published.changed_at + timedelta(1)}
    )

    await on_events.on_course_updated(older, uow, clock=clock)
    assert uow.courses.rows[command.code].jp == 24
    await on_events.on_course_updated(newer, uow, clock=clock)
    assert uow.courses.rows[command.code].jp == 32


async def test_a_proposal_for_a_course_not_offered_is_declined_and_announced(
    bus, uow, clock
) -> None:
    nip, agency = await _employee(uow, clock)
    decided = training.proposal_decided(nip, agency, "NO-SUCH-COURSE")

    await on_events.on_proposal_decided(decided, uow, clock=clock)
    await uow.commit()

    [declined] = uow.events_of(EnrolmentRequestDeclined)
    assert declined.proposal_id == decided.proposal_id  # type: ignore[attr-defined]
    assert declined.reason == "course NO-SUCH-COURSE is not offered"  # type: ignore[attr-defined]
    assert uow.events_of(EnrolmentChanged) == []
