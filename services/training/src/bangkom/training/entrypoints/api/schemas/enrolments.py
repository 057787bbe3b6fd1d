"""Bodies of enrolments and of accepted proposals waiting for a session."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from bangkom.platform.catalog.types import Code, FreeText, NipStr
from bangkom.platform.web.paging import Page
from bangkom.training.domain.enrolments import (
    Enrolment,
    EnrolmentRequest,
    EnrolmentStatus,
    RequestStatus,
)


class EnrolmentCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"session_code": "PEL-PP-2-2027-01", "nip": "198503152010012003"}]
        }
    )

    session_code: Code
    nip: NipStr


class EnrolmentPublic(BaseModel):
    id: str
    nip: str
    agency_code: str
    session_code: str
    course_code: str
    status: EnrolmentStatus
    queue_number: int = Field(description="Order of request in the session; the waitlist order")
    enrolled_by: str
    requested_at: datetime
    changed_at: datetime
    proposal_id: str | None = Field(description="Set when it came from an accepted proposal")
    reason: FreeText | None = Field(description="Why it was cancelled")

    @classmethod
    def of(cls, enrolment: Enrolment) -> EnrolmentPublic:
        return cls(**enrolment.__dict__)


EnrolmentsPublic = Page[EnrolmentPublic]


class CancellationCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"reason": "Tugas dinas luar kota pada tanggal pelatihan"}]}
    )

    reason: FreeText | None = Field(default=None, max_length=500)


class CancellationPublic(BaseModel):
    cancelled: EnrolmentPublic
    promoted: int = Field(description="People moved from the waitlist to the freed seat")
    promoted_enrolments: list[EnrolmentPublic] = Field(
        description="Those of them in the caller's agencies"
    )


class RequestPublic(BaseModel):
    proposal_id: str
    nip: str
    agency_code: str
    course_code: str
    status: RequestStatus
    requested_at: datetime
    changed_at: datetime
    enrolment_id: str | None
    reason: FreeText | None = Field(description="Why it waits or was declined")

    @classmethod
    def of(cls, request: EnrolmentRequest) -> RequestPublic:
        return cls(**request.__dict__)


RequestsPublic = Page[RequestPublic]


class PlacementsCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{}]})


class PlacementsPublic(BaseModel):
    placed: int = Field(description="Waiting requests enrolled in a session now")
