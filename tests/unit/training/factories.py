"""Training test data built by rules: courses, sessions around a pinned "now", and the
events other services publish. Shared by the unit and integration tests."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bangkom.kernel.calendar import WIB, local_date
from bangkom.platform.auth import Caller
from bangkom.platform.catalog import EmployeeUpdated, NeedsAggregated, ProposalDecided
from bangkom.platform.catalog.survey import Need
from bangkom.training.domain.catalog import CompetencyStep, CourseStatus, LearningMode
from bangkom.training.domain.sessions import SessionStatus
from bangkom.training.handlers import commands
from tests import factories

_sequence = itertools.count(1)


@dataclass
class PinnedClock:
    """The platform Clock, pinned: tests say exactly when "now" is and move it."""

    now: datetime = field(default_factory=lambda: datetime(2027, 3, 1, 9, 0, tzinfo=WIB))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment


def course_code() -> str:
    return f"PEL-{next(_sequence):05d}"


def publish_course(
    code: str | None = None,
    *,
    competencies: list[CompetencyStep] | None = None,
    jp: int = 24,
    mode: LearningMode = LearningMode.KLASIKAL,
    status: CourseStatus = CourseStatus.PUBLISHED,
    prerequisites: list[str] | None = None,
    provider: str = "BPSDM Provinsi Sumatera Utara",
    title: str = "Pelayanan Publik Prima",
    caller: Caller | None = None,
) -> commands.PublishCourse:
    return commands.PublishCourse(
        caller=caller or factories.admin(),
        code=code or course_code(),
        title=title,
        competencies=competencies or [CompetencyStep("M.05", 1, 3)],
        jp=jp,
        mode=mode,
        provider=provider,
        cost=1_500_000,
        status=status,
        prerequisites=prerequisites or [],
    )


def schedule_session(
    course: str,
    now: datetime,
    *,
    code: str | None = None,
    batch: int = 1,
    capacity: int = 30,
    starts_in_days: int = 14,
    status: SessionStatus = SessionStatus.OPEN,
    caller: Caller | None = None,
) -> commands.ScheduleSession:
    """A session whose enrolment window is open at ``now`` and closes the day before
    it starts."""
    starts_on = local_date(now) + timedelta(days=starts_in_days)
    return commands.ScheduleSession(
        caller=caller or factories.admin(),
        code=code or f"{course}-A{batch:02d}",
        course_code=course,
        batch=batch,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=2),
        capacity=capacity,
        enrolment_opens_at=now - timedelta(days=7),
        enrolment_closes_at=datetime.combine(
            starts_on - timedelta(days=1), datetime.min.time(), WIB
        ),
        status=status,
        location="Aula BKPSDM Kota Pematangsiantar",
    )


def employee_updated(
    nip: str | None = None,
    agency: str | None = None,
    *,
    active: bool = True,
    employment_type: str = "PNS",
    changed_at: datetime | None = None,
    name: str = "Rina Siregar",
) -> EmployeeUpdated:
    return EmployeeUpdated(
        nip=nip or factories.nip(pppk=employment_type == "PPPK"),
        name=name,
        employment_type=employment_type,  # type: ignore[arg-type]
        agency_code=agency or factories.agency_code(),
        position_code="JAB-ANALIS",
        active=active,
        changed_at=changed_at or datetime(2026, 1, 2, tzinfo=UTC),
    )


def proposal_decided(
    nip: str,
    agency: str,
    course: str,
    *,
    decision: str = "accepted",
    decided_at: datetime | None = None,
) -> ProposalDecided:
    return ProposalDecided(
        proposal_id=str(uuid.uuid4()),
        nip=nip,
        agency_code=agency,
        competency_code="M.05",
        course_code=course,
        decision=decision,  # type: ignore[arg-type]
        decided_by="operator-bkpsdm",
        decided_at=decided_at or datetime(2027, 2, 20, tzinfo=UTC),
    )


def needs_aggregated(
    agency: str,
    needs: dict[str, tuple[int, float]],
    *,
    period: str = "2027",
    aggregated_at: datetime | None = None,
) -> NeedsAggregated:
    """``needs``: competency code -> (respondents needing it, mean gap)."""
    return NeedsAggregated(
        survey_id=str(uuid.uuid4()),
        agency_code=agency,
        period=period,
        headcount=100,
        needs=[
            Need(
                competency_code=code,
                respondents=respondents,
                mean_importance=4.0,
                mean_gap=gap,
                priority=float(respondents) * gap,
                rank=rank,
            )
            for rank, (code, (respondents, gap)) in enumerate(needs.items(), start=1)
        ],
        aggregated_at=aggregated_at or datetime(2026, 11, 1, tzinfo=UTC),
    )


def wib(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=WIB)
