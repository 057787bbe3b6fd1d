"""Bodies of /framework/drafts: a CASE 1.0 package in (the part of it bangkom reads),
a draft of the next framework version out."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from bangkom.evaluation.domain.case_import import (
    CaseAssociation,
    CaseItem,
    CasePackage,
    FrameworkDraft,
)
from bangkom.evaluation.entrypoints.api.schemas.framework import CompetencyBody
from bangkom.platform.catalog.types import FreeText
from bangkom.platform.web.parameters import INT_MAX

Identifier = FreeText


class CaseLinkIn(BaseModel):
    identifier: Identifier = Field(min_length=1, max_length=200)


class CaseDocumentIn(BaseModel):
    identifier: Identifier = Field(min_length=1, max_length=200)
    title: FreeText = Field(min_length=1, max_length=500)


class CaseItemIn(BaseModel):
    identifier: Identifier = Field(min_length=1, max_length=200)
    full_statement: FreeText = Field(alias="fullStatement", max_length=2000)
    human_coding_scheme: FreeText | None = Field(
        default=None, alias="humanCodingScheme", max_length=100
    )
    abbreviated_statement: FreeText | None = Field(
        default=None, alias="abbreviatedStatement", max_length=200
    )
    list_enumeration: FreeText | None = Field(default=None, alias="listEnumeration", max_length=20)


class CaseAssociationIn(BaseModel):
    association_type: FreeText = Field(alias="associationType", max_length=50)
    origin: CaseLinkIn = Field(alias="originNodeURI")
    destination: CaseLinkIn = Field(alias="destinationNodeURI")
    sequence_number: int | None = Field(
        default=None, alias="sequenceNumber", ge=-INT_MAX, le=INT_MAX
    )


class CasePackageIn(BaseModel):
    """A CASE 1.0 CFPackage (as GET /ims/case/v1p0/CFPackages/{sourcedId} gives one);
    fields bangkom does not read are ignored."""

    document: CaseDocumentIn = Field(alias="CFDocument")
    # A dictionary of a few hundred competencies; the limits stay below what fits in the
    # body size limit, so too many is a 422 naming the list, not a 413.
    items: list[CaseItemIn] = Field(default_factory=list, alias="CFItems", max_length=2000)
    associations: list[CaseAssociationIn] = Field(
        default_factory=list, alias="CFAssociations", max_length=5000
    )

    def to_domain(self) -> CasePackage:
        return CasePackage(
            document_identifier=self.document.identifier,
            document_title=self.document.title,
            items=[
                CaseItem(
                    identifier=i.identifier,
                    full_statement=i.full_statement,
                    human_coding_scheme=i.human_coding_scheme,
                    abbreviated_statement=i.abbreviated_statement,
                    list_enumeration=i.list_enumeration,
                )
                for i in self.items
            ],
            associations=[
                CaseAssociation(
                    association_type=a.association_type,
                    origin=a.origin.identifier,
                    destination=a.destination.identifier,
                    sequence_number=a.sequence_number,
                )
                for a in self.associations
            ],
        )


class FrameworkDraftPublic(BaseModel):
    id: str
    source_identifier: str
    source_title: str
    competencies: list[CompetencyBody]
    skipped: list[str] = Field(description="Items of the package not read: their codes")
    created_by: str
    created_at: datetime
    published_version: int | None = Field(description="The version it became; null: a draft")

    @classmethod
    def of(cls, draft: FrameworkDraft) -> FrameworkDraftPublic:
        return cls(
            id=draft.id,
            source_identifier=draft.source_identifier,
            source_title=draft.source_title,
            competencies=[CompetencyBody.of(c) for c in draft.competencies],
            skipped=draft.skipped,
            created_by=draft.created_by,
            created_at=draft.created_at,
            published_version=draft.published_version,
        )


class FrameworkDraftPublish(BaseModel):
    note: FreeText | None = Field(
        default=None, max_length=500, description="Omitted: where the dictionary came from"
    )
    public: bool = Field(
        default=False, description="Readable without a token at the CASE paths (/ims/case)"
    )
