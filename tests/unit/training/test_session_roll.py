"""Seats, the waitlist and schedule changes of one session (the pure domain)."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bangkom.training.domain.catalog import LearningMode
from bangkom.training.domain.enrolments import EnrolmentRefused, EnrolmentStatus, SessionRoll
from bangkom.training.domain.sessions import InvalidSession, Session, SessionStatus
from tests import factories
from tests.unit.training.factories import PinnedClock, wib

NOW = wib(2027, 3, 1)


def _session(capacity: int = 2, status: SessionStatus = SessionStatus.OPEN) -> Session:
    return Session(
        code="S-1",
        course_code="C-1",
        batch=1,
        starts_on=date(2027, 3, 15),
        ends_on=date(2027, 3, 17),
        capacity=capacity,
        enrolment_opens_at=wib(2027, 2, 1),
        enrolment_closes_at=wib(2027, 3, 14),
        status=status,
        changed_at=NOW,
        location="Aula",
    )


def _enrol(roll: SessionRoll, nip: str | None = None, when=NOW):
    return roll.enrol(
        enrolment_id=f"e-{len(roll.enrolments) + 1}",
        nip=nip or factories.nip(),
        agency_code="1273.BKPSDM",
        enrolled_by="operator",
        now=when,
    )


def test_seats_go_first_come_and_the_rest_wait_in_order() -> None:
    roll = SessionRoll(_session(capacity=2), [])

    statuses = [_enrol(roll).status for _ in range(4)]

    assert statuses == ["enrolled", "enrolled", "waitlisted", "waitlisted"]
    assert [e.queue_number for e in roll.waitlist] == [3, 4]
    assert roll.seats_left == 0


def test_a_cancelled_seat_goes_to_the_first_on_the_waitlist() -> None:
    roll = SessionRoll(_session(capacity=1), [])
    seated, first, second = _enrol(roll), _enrol(roll), _enrol(roll)

    changed = roll.cancel(seated.id, now=NOW, reason="sakit")

    assert [(e.id, e.status) for e in changed] == [
        (seated.id, EnrolmentStatus.CANCELLED),
        (first.id, EnrolmentStatus.ENROLLED),
    ]
    assert second.status is EnrolmentStatus.WAITLISTED
    assert seated.reason == "sakit"


def test_cancelling_a_waitlisted_person_promotes_nobody() -> None:
    roll = SessionRoll(_session(capacity=1), [])
    _enrol(roll)
    waiting = _enrol(roll)

    changed = roll.cancel(waiting.id, now=NOW, reason="-")

    assert [e.id for e in changed] == [waiting.id]


def test_the_same_person_cannot_hold_two_places_but_may_come_back_after_cancelling() -> None:
    roll = SessionRoll(_session(capacity=5), [])
    nip = factories.nip()
    first = _enrol(roll, nip)
    _enrol(roll)

    with pytest.raises(EnrolmentRefused, match="already enrolled"):
        _enrol(roll, nip)
    roll.cancel(first.id, now=NOW, reason="-")
    again = _enrol(roll, nip)

    assert again.id == first.id  # one row per person and session
    assert again.status is EnrolmentStatus.ENROLLED
    assert again.queue_number == 3  # back at the end of the queue


@pytest.mark.parametrize(
    ("status", "when", "reason"),
    [
        (SessionStatus.PLANNED, NOW, "not open for enrolment"),
        (SessionStatus.OPEN, wib(2027, 1, 31), "opens at"),
        (SessionStatus.OPEN, wib(2027, 3, 14), "closed at"),
    ],
)
def test_enrolment_is_refused_outside_the_open_window(status, when, reason) -> None:
    roll = SessionRoll(_session(status=status), [])

    with pytest.raises(EnrolmentRefused, match=reason):
        _enrol(roll, when=when)


def test_more_seats_promote_from_the_waitlist_and_fewer_than_taken_are_refused() -> None:
    roll = SessionRoll(_session(capacity=1), [])
    for _ in range(4):
        _enrol(roll)

    promoted = roll.reschedule(replace(_session(capacity=3), changed_at=NOW))

    assert [e.queue_number for e in promoted] == [2, 3]
    with pytest.raises(EnrolmentRefused, match="below the 3 seats"):
        roll.reschedule(_session(capacity=2))


def test_a_cancelled_session_cancels_everyone_and_no_longer_changes() -> None:
    roll = SessionRoll(_session(capacity=1), [])
    _enrol(roll)
    _enrol(roll)

    changed = roll.reschedule(_session(status=SessionStatus.CANCELLED))

    assert {e.status for e in changed} == {EnrolmentStatus.CANCELLED}
    assert len(changed) == 2
    with pytest.raises(EnrolmentRefused, match="no longer changes"):
        roll.reschedule(_session(status=SessionStatus.OPEN))


def test_a_running_session_no_longer_fills_from_the_waitlist() -> None:
    roll = SessionRoll(_session(capacity=1), [])
    seated, waiting = _enrol(roll), _enrol(roll)
    roll.reschedule(_session(capacity=1, status=SessionStatus.RUNNING))

    changed = roll.cancel(seated.id, now=NOW, reason="-")

    assert [e.id for e in changed] == [seated.id]
    assert waiting.status is EnrolmentStatus.WAITLISTED


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_on": date(2027, 3, 14)}, "ends_on"),
        ({"enrolment_closes_at": wib(2027, 3, 16)}, "enrolment_closes_at"),
        ({"enrolment_opens_at": wib(2027, 3, 14, 12)}, "enrolment_closes_at"),
        ({"capacity": 0}, "capacity"),
    ],
)
def test_an_impossible_schedule_names_the_field(changes, field) -> None:
    with pytest.raises(InvalidSession, match=field):
        replace(_session(), **changes)


def test_a_classroom_session_needs_a_place_and_e_learning_a_link() -> None:
    online_only = replace(_session(), location=None, online_url="https://lms.example/k/1")

    online_only.check_venue(LearningMode.E_LEARNING)
    with pytest.raises(InvalidSession, match="location"):
        online_only.check_venue(LearningMode.KLASIKAL)


def test_the_pinned_clock_moves_only_when_told() -> None:
    clock = PinnedClock(NOW)

    assert clock() == NOW
    assert clock.advance(days=1) == NOW + timedelta(days=1)
