"""Domain objects as the events the training service publishes."""

from __future__ import annotations

from bangkom.platform.catalog import (
    CompletionRecorded,
    CourseUpdated,
    EnrolmentChanged,
    EnrolmentRequestDeclined,
    SessionUpdated,
)
from bangkom.platform.catalog.training import CourseCompetency
from bangkom.training.domain.catalog import CompetencyStep, Course
from bangkom.training.domain.completions import Completion
from bangkom.training.domain.enrolments import Enrolment, EnrolmentRequest
from bangkom.training.domain.sessions import Session


def _steps(steps: tuple[CompetencyStep, ...] | list[CompetencyStep]) -> list[CourseCompetency]:
    return [
        CourseCompetency(
            competency_code=s.competency_code, level_from=s.level_from, level_to=s.level_to
        )
        for s in steps
    ]


def course_updated(course: Course) -> CourseUpdated:
    return CourseUpdated(
        course_code=course.code,
        title=course.title,
        competencies=_steps(course.competencies),
        jp=course.jp,
        mode=course.mode.value,
        provider=course.provider,
        cost=course.cost,
        prerequisites=course.prerequisites,
        status=course.status.value,
        changed_at=course.changed_at,
    )


def session_updated(session: Session) -> SessionUpdated:
    return SessionUpdated(
        session_code=session.code,
        course_code=session.course_code,
        batch=session.batch,
        starts_on=session.starts_on,
        ends_on=session.ends_on,
        capacity=session.capacity,
        enrolment_opens_at=session.enrolment_opens_at,
        enrolment_closes_at=session.enrolment_closes_at,
        location=session.location,
        online_url=session.online_url,
        status=session.status.value,
        changed_at=session.changed_at,
    )


def enrolment_changed(enrolment: Enrolment) -> EnrolmentChanged:
    return EnrolmentChanged(
        enrolment_id=enrolment.id,
        nip=enrolment.nip,
        agency_code=enrolment.agency_code,
        session_code=enrolment.session_code,
        course_code=enrolment.course_code,
        status=enrolment.status.value,
        queue_number=enrolment.queue_number,
        proposal_id=enrolment.proposal_id,
        changed_at=enrolment.changed_at,
    )


def completion_recorded(completion: Completion) -> CompletionRecorded:
    return CompletionRecorded(
        completion_id=completion.id,
        nip=completion.nip,
        agency_code=completion.agency_code,
        course_code=completion.course_code,
        title=completion.title,
        reference=completion.reference,
        session_code=completion.session_code,
        outcome=completion.outcome.value,
        score=completion.score,
        jp=completion.credited_jp,
        mode=completion.mode.value,
        competencies=_steps(completion.competencies),
        source=completion.source.value,
        proposal_id=completion.proposal_id,
        completed_at=completion.completed_at,
    )


def request_declined(request: EnrolmentRequest) -> EnrolmentRequestDeclined:
    return EnrolmentRequestDeclined(
        proposal_id=request.proposal_id,
        nip=request.nip,
        agency_code=request.agency_code,
        course_code=request.course_code,
        reason=request.reason or "ditolak",
        declined_at=request.changed_at,
    )
