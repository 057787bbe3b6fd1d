"""Candidates for a target position and one employee's readiness for it."""

from __future__ import annotations

from pydantic import BaseModel, Field

from bangkom.career.domain.readiness import Candidate, Readiness
from bangkom.career.handlers.queries import ReadinessView
from bangkom.kernel.gaps import GapStatus


class CandidatePublic(BaseModel):
    rank: int
    nip: str
    agency_code: str
    position_code: str
    jpm: float = Field(description="JPM (%) against the target position's standard")
    unknown_competencies: int = Field(description="Competencies of the standard never assessed")
    readiness: Readiness
    box: int | None

    @classmethod
    def of(cls, rank: int, candidate: Candidate) -> CandidatePublic:
        return cls(
            rank=rank,
            nip=candidate.nip,
            agency_code=candidate.agency_code,
            position_code=candidate.position_code,
            jpm=candidate.jpm,
            unknown_competencies=candidate.match.unknown,
            readiness=candidate.readiness,
            box=candidate.box,
        )


class GapPublic(BaseModel):
    competency_code: str
    competency_name: str
    required_level: int
    current_level: int | None = Field(description="None: never assessed")
    gap: int | None = Field(description="None: unknown, not zero")
    status: GapStatus


class CoursePublic(BaseModel):
    competency_code: str
    course_code: str
    title: str
    jp: int
    reasons: list[str]


class ReadinessPublic(BaseModel):
    nip: str
    position_code: str
    position_name: str
    jpm: float | None
    unknown_competencies: int
    readiness: Readiness
    box: int | None
    gaps: list[GapPublic]
    courses: list[CoursePublic] = Field(description="Courses that would close the gaps, in order")
    to_assess: list[str] = Field(description="Competencies to assess first (never assessed)")

    @classmethod
    def of(cls, view: ReadinessView) -> ReadinessPublic:
        return cls(
            nip=view.employee.nip,
            position_code=view.target.code,
            position_name=view.target.name,
            jpm=view.match.jpm,
            unknown_competencies=view.match.unknown,
            readiness=view.readiness,
            box=view.box,
            gaps=[
                GapPublic(
                    competency_code=g.competency_code,
                    competency_name=g.competency_name,
                    required_level=g.required_level,
                    current_level=g.current_level,
                    gap=g.size,
                    status=g.status,
                )
                for g in view.gaps
            ],
            courses=[
                CoursePublic(
                    competency_code=i.competency_code,
                    course_code=i.course_code,
                    title=i.course_title,
                    jp=i.jp,
                    reasons=list(i.reasons),
                )
                for i in view.plan.items
            ],
            to_assess=list(view.plan.unknown_competencies),
        )
