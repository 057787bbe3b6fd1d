"""Bodies of the catalog: courses and their sessions."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from bangkom.platform.catalog.types import AwareDatetime, Code, CompetencyCode, Day, FreeText, Level
from bangkom.platform.web.paging import Page
from bangkom.training.domain.catalog import Course, CourseStatus, LearningMode
from bangkom.training.domain.sessions import SessionStatus
from bangkom.training.handlers.queries import SessionSeats


class CompetencyStepBody(BaseModel):
    competency_code: CompetencyCode
    level_from: Level
    level_to: Level


class CourseCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": "PEL-PP-2",
                    "title": "Pelatihan Pelayanan Publik Prima",
                    "competencies": [{"competency_code": "M.05", "level_from": 1, "level_to": 3}],
                    "jp": 24,
                    "mode": "klasikal",
                    "provider": "BPSDM Provinsi Sumatera Utara",
                    "cost": 1500000,
                    "status": "published",
                    "prerequisites": [],
                }
            ]
        }
    )

    code: Code
    title: FreeText = Field(min_length=1, max_length=300)
    competencies: list[CompetencyStepBody] = Field(min_length=1)
    jp: int = Field(ge=1, le=1000, description="Jam pelajaran credited on completion")
    mode: LearningMode
    provider: FreeText = Field(
        min_length=1,
        max_length=200,
        description="BPSDM province, LAN, an agency's own unit, a partner, ...",
    )
    cost: int = Field(ge=0, le=1_000_000_000, description="Rupiah per participant")
    status: CourseStatus = CourseStatus.PUBLISHED
    prerequisites: list[Code] = Field(
        default_factory=list, description="Codes of courses to attend or pass first"
    )


class CoursePublic(BaseModel):
    code: str
    title: str
    competencies: list[CompetencyStepBody]
    jp: int
    mode: LearningMode
    provider: str
    cost: int
    status: CourseStatus
    prerequisites: list[str]
    changed_at: datetime

    @classmethod
    def of(cls, course: Course) -> CoursePublic:
        return cls(
            code=course.code,
            title=course.title,
            competencies=[CompetencyStepBody(**c.__dict__) for c in course.competencies],
            jp=course.jp,
            mode=course.mode,
            provider=course.provider,
            cost=course.cost,
            status=course.status,
            prerequisites=course.prerequisites,
            changed_at=course.changed_at,
        )


CoursesPublic = Page[CoursePublic]


class SessionCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": "PEL-PP-2-2027-01",
                    "course_code": "PEL-PP-2",
                    "batch": 1,
                    "starts_on": "2027-03-08",
                    "ends_on": "2027-03-10",
                    "capacity": 30,
                    "enrolment_opens_at": "2027-01-04T08:00:00+07:00",
                    "enrolment_closes_at": "2027-02-26T16:00:00+07:00",
                    "location": "Aula BKPSDM Kota Pematangsiantar",
                    "online_url": None,
                    "status": "open",
                }
            ]
        }
    )

    code: Code
    course_code: Code
    batch: int = Field(ge=1, le=999, description="Angkatan number within the course")
    starts_on: Day = Field(description="First day (WIB)")
    ends_on: Day = Field(description="Last day (WIB)")
    capacity: int = Field(ge=1, le=10_000, description="Seats; beyond them people wait")
    enrolment_opens_at: AwareDatetime
    enrolment_closes_at: AwareDatetime = Field(description="No later than the first day")
    location: FreeText | None = Field(
        default=None, max_length=300, description="Required: klasikal"
    )
    online_url: FreeText | None = Field(
        default=None, max_length=500, description="Required: e-learning"
    )
    status: SessionStatus = Field(
        default=SessionStatus.PLANNED,
        description=(
            "planned -> open -> closed -> running -> finished, or cancelled until finished. "
            "Opening places waiting accepted proposals; cancelling cancels every enrolment."
        ),
    )


class SessionPublic(BaseModel):
    code: str
    course_code: str
    batch: int
    starts_on: date
    ends_on: date
    capacity: int
    enrolled: int = Field(description="Seats taken")
    waitlisted: int
    seats_left: int
    enrolment_opens_at: datetime
    enrolment_closes_at: datetime
    location: str | None
    online_url: str | None
    status: SessionStatus
    changed_at: datetime

    @classmethod
    def of(cls, found: SessionSeats) -> SessionPublic:
        session = found.session
        return cls(
            code=session.code,
            course_code=session.course_code,
            batch=session.batch,
            starts_on=session.starts_on,
            ends_on=session.ends_on,
            capacity=session.capacity,
            enrolled=found.seats.enrolled,
            waitlisted=found.seats.waitlisted,
            seats_left=found.seats_left,
            enrolment_opens_at=session.enrolment_opens_at,
            enrolment_closes_at=session.enrolment_closes_at,
            location=session.location,
            online_url=session.online_url,
            status=session.status,
            changed_at=session.changed_at,
        )


SessionsPublic = Page[SessionPublic]
