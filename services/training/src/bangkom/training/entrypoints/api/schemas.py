"""Request and response bodies of the catalog."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from bangkom.platform.catalog.types import Code, CompetencyCode, Level
from bangkom.training.domain.catalog import Course, CourseStatus, LearningMode


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
    title: str = Field(min_length=1, max_length=300)
    competencies: list[CompetencyStepBody] = Field(min_length=1)
    jp: int = Field(ge=1, le=1000, description="Jam pelajaran credited on completion")
    mode: LearningMode
    provider: str = Field(min_length=1, max_length=200)
    cost: int = Field(ge=0, description="Rupiah per participant")
    status: CourseStatus = CourseStatus.PUBLISHED
    prerequisites: list[Code] = Field(default_factory=list)


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


class CoursesPublic(BaseModel):
    data: list[CoursePublic]
    limit: int
    offset: int
