"""Bodies of completions and of the JP ledger."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from bangkom.platform.catalog.types import AwareDatetime, Code, FreeText, NipStr
from bangkom.platform.web.paging import Page
from bangkom.training.domain.catalog import LearningMode
from bangkom.training.domain.completions import Completion, CompletionOutcome, CompletionSource
from bangkom.training.domain.ledger import TARGET_JP, Ledger
from bangkom.training.entrypoints.api.schemas.catalog import CompetencyStepBody


class SessionCompletionCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"outcome": "passed", "score": 86.5, "completed_at": "2027-03-10T16:00:00+07:00"}
            ]
        }
    )

    outcome: CompletionOutcome = Field(description="attended (no exam), passed or failed")
    score: float | None = Field(default=None, ge=0, le=100)
    completed_at: AwareDatetime | None = Field(default=None, description="Default: now")


class ExternalCompletionCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nip": "198503152010012003",
                    "source": "certificate",
                    "reference": "LAN-SERT-2027-000123",
                    "title": "Webinar Manajemen ASN Berbasis Merit",
                    "jp": 4,
                    "mode": "seminar",
                    "outcome": "attended",
                    "completed_at": "2027-02-14T12:00:00+07:00",
                    "competencies": [{"competency_code": "M.06", "level_from": 2, "level_to": 3}],
                }
            ]
        }
    )

    nip: NipStr
    source: CompletionSource = Field(description="lms, certificate or other (not session)")
    reference: FreeText = Field(
        min_length=1, max_length=200, description="Certificate number or LMS record id"
    )
    outcome: CompletionOutcome
    completed_at: AwareDatetime
    course_code: Code | None = Field(
        default=None, description="A catalog course; it supplies what is left out"
    )
    title: FreeText | None = Field(default=None, min_length=1, max_length=300)
    jp: int | None = Field(default=None, ge=1, le=1000)
    mode: LearningMode | None = None
    competencies: list[CompetencyStepBody] | None = None
    score: float | None = Field(default=None, ge=0, le=100)


class CompletionPublic(BaseModel):
    id: str
    nip: str
    agency_code: str
    title: str
    outcome: CompletionOutcome
    score: float | None
    jp: int = Field(description="JP of the training")
    jp_credited: int = Field(description="JP credited to the ledger (0 when failed)")
    year: int = Field(description="Ledger year (WIB)")
    mode: LearningMode
    competencies: list[CompetencyStepBody]
    source: CompletionSource
    reference: str | None
    course_code: str | None
    session_code: str | None
    enrolment_id: str | None
    proposal_id: str | None
    completed_at: datetime
    recorded_by: str
    recorded_at: datetime

    @classmethod
    def of(cls, completion: Completion) -> CompletionPublic:
        return cls(
            **{k: v for k, v in completion.__dict__.items() if k != "competencies"},
            jp_credited=completion.credited_jp,
            year=completion.year,
            competencies=[CompetencyStepBody(**c.__dict__) for c in completion.competencies],
        )


CompletionsPublic = Page[CompletionPublic]


class LedgerEntryPublic(BaseModel):
    completion_id: str
    title: str
    course_code: str | None
    source: str
    outcome: str
    jp_credited: int
    completed_at: datetime


class LedgerPublic(BaseModel):
    nip: str
    year: int
    target_jp: int = TARGET_JP
    total_jp: int
    missing_jp: int
    meets_target: bool
    entries: list[LedgerEntryPublic]

    @classmethod
    def of(cls, ledger: Ledger) -> LedgerPublic:
        return cls(
            nip=ledger.nip,
            year=ledger.year,
            total_jp=ledger.total_jp,
            missing_jp=ledger.missing_jp,
            meets_target=ledger.meets_target,
            entries=[LedgerEntryPublic(**e.__dict__) for e in ledger.entries],
        )
