"""Tables of the survey service (its own metadata)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from bangkom.platform.db.types import UtcDateTime


class SurveyTable(SQLModel, registry=registry()):
    pass


metadata = SurveyTable.metadata


class RespondentRow(SurveyTable, table=True):
    __tablename__ = "respondent"

    nip: str = Field(primary_key=True, max_length=18)
    name: str = Field(max_length=200)
    agency_code: str = Field(index=True, max_length=64)
    position_code: str = Field(max_length=64)
    active: bool
    changed_at: datetime = Field(sa_type=UtcDateTime)
