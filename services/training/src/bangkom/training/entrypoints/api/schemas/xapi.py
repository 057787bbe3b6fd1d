"""Bodies of /xapi: xAPI 1.0.3 statements (the part bangkom reads; the rest is kept as
sent), learning platforms and the activity and actor mappings."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, RootModel, model_validator

from bangkom.platform.catalog.types import Code, FreeText, NipStr
from bangkom.training.domain.xapi import Statement, StatementStatus

# What the LRS sets itself: never part of what the platform's statement says.
LRS_FIELDS = {"stored", "authority"}
# No whitespace and no control character (PostgreSQL refuses a NUL in text and in jsonb).
_VISIBLE = r"[^\s\x00-\x1F\x7F]"
Mbox = Annotated[
    str, Field(pattern=r"^mailto:[^@\s\x00-\x1F\x7F]+@[^@\s\x00-\x1F\x7F]+$", max_length=320)
]
Iri = Annotated[
    str, Field(min_length=1, max_length=500, pattern=rf"^[A-Za-z][A-Za-z0-9+.\-]*:{_VISIBLE}+$")
]


def _without_nul(value: Any, where: str = "statement") -> None:
    """A statement is kept as sent (jsonb on PostgreSQL, which refuses a NUL anywhere)."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError(f"{where} must not contain the NUL character (U+0000)")
    if isinstance(value, dict):
        for key, item in value.items():
            _without_nul(key, where)
            _without_nul(item, where)
    elif isinstance(value, list):
        for item in value:
            _without_nul(item, where)


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class AccountIn(_Open):
    home_page: FreeText = Field(alias="homePage", min_length=1, max_length=500)
    name: FreeText = Field(min_length=1, max_length=200)


class ActorIn(_Open):
    object_type: Literal["Agent"] | None = Field(default=None, alias="objectType")
    mbox: Mbox | None = None
    account: AccountIn | None = None

    @model_validator(mode="after")
    def _identified(self) -> ActorIn:
        if (self.mbox is None) == (self.account is None):
            raise ValueError("an actor is identified by exactly one of mbox and account")
        return self


class VerbIn(_Open):
    id: Iri


class ActivityIn(_Open):
    object_type: Literal["Activity"] | None = Field(default=None, alias="objectType")
    id: Iri


class ResultIn(_Open):
    success: bool | None = None


class ContextIn(_Open):
    registration: UUID | None = None


EXAMPLE_STATEMENT: dict[str, Any] = {
    "id": "6b1f1c9e-2b5c-4d3e-9f3a-6d2f0b7c1a11",
    "actor": {
        "objectType": "Agent",
        "name": "Rina Siregar",
        "account": {"homePage": "https://lms.pemkot.example", "name": "198507142010012003"},
    },
    "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"id-ID": "lulus"}},
    "object": {"objectType": "Activity", "id": "https://lms.pemkot.example/course/pelayanan-prima"},
    "result": {"success": True, "score": {"scaled": 0.86}},
    "context": {"registration": "0f6d9a52-7c1e-4b8a-a3d2-5e9b1c4f7a20"},
    "timestamp": "2026-11-20T10:15:00+07:00",
}


class StatementIn(_Open):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [EXAMPLE_STATEMENT]})

    id: UUID | None = None
    actor: ActorIn
    verb: VerbIn
    object: ActivityIn = Field(description="An activity (this LRS takes no other objects)")
    result: ResultIn | None = None
    context: ContextIn | None = None
    timestamp: AwareDatetime | None = None

    def to_domain(self, statement_id: str, now: datetime) -> Statement:
        content: dict[str, Any] = {
            k: v
            for k, v in self.model_dump(mode="json", by_alias=True, exclude_unset=True).items()
            if k not in LRS_FIELDS
        }
        content["id"] = statement_id
        account = self.actor.account
        return Statement(
            id=statement_id,
            platform_code="",  # the handler sets the sender
            content=content,
            verb_id=self.verb.id,
            activity_id=self.object.id,
            account_name=account.name if account else None,
            mbox=self.actor.mbox.lower() if self.actor.mbox else None,
            success=self.result.success if self.result else None,
            timestamp=self.timestamp or now,
            registration=str(self.context.registration)
            if self.context and self.context.registration
            else None,
            stored_at=now,
        )

    @model_validator(mode="after")
    def _kept_as_sent(self) -> StatementIn:
        _without_nul(self.model_dump(by_alias=True))
        return self


class StatementsIn(RootModel[StatementIn | list[StatementIn]]):
    """One statement, or a batch of them (stored all or none)."""

    model_config = ConfigDict(json_schema_extra={"examples": [[EXAMPLE_STATEMENT]]})

    root: StatementIn | Annotated[list[StatementIn], Field(min_length=1, max_length=500)]

    def statements(self) -> list[StatementIn]:
        return self.root if isinstance(self.root, list) else [self.root]


class PlatformCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"code": "LMS-PEMKOT", "name": "LMS Pemkot Siantar"}]}
    )

    code: Code = Field(description="The platform's user name for HTTP Basic")
    name: FreeText = Field(min_length=1, max_length=200)


class PlatformPublic(BaseModel):
    code: str
    name: str
    registered_at: datetime
    secret: str = Field(description="HTTP Basic password: shown this once, kept as a digest")


class ActivityMapping(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "activity_id": "https://lms.pemkot.example/course/pelayanan-prima",
                    "course_code": "PP-01",
                }
            ]
        }
    )

    activity_id: Iri
    course_code: Code


class ActorRegistration(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"mbox": "mailto:rina.siregar@pemkot.example", "nip": "198507142010012003"}
            ]
        }
    )

    mbox: Mbox
    nip: NipStr


class MappingPublic(BaseModel):
    applied: int = Field(description="Statements that waited for this and are now completions")


class ReceivedStatementPublic(BaseModel):
    id: str
    platform_code: str
    verb_id: str
    activity_id: str
    account_name: str | None
    mbox: str | None
    status: StatementStatus
    reason: str | None
    completion_id: str | None
    stored_at: datetime
    statement: dict[str, Any]

    @classmethod
    def of(cls, statement: Statement) -> ReceivedStatementPublic:
        return cls(
            id=statement.id,
            platform_code=statement.platform_code,
            verb_id=statement.verb_id,
            activity_id=statement.activity_id,
            account_name=statement.account_name,
            mbox=statement.mbox,
            status=statement.status,
            reason=statement.reason,
            completion_id=statement.completion_id,
            stored_at=statement.stored_at,
            statement=statement.content,
        )
