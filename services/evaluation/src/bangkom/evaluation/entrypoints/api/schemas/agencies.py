"""Bodies of /agencies."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from bangkom.evaluation.domain.agency import Agency, AgencyKind
from bangkom.evaluation.entrypoints.api.schemas.examples import examples as _examples
from bangkom.platform.catalog.types import Code, FreeText


class AgencyCreate(BaseModel):
    model_config = _examples(
        {
            "code": "12.73.BKPSDM",
            "name": "Badan Kepegawaian dan Pengembangan SDM Kota Pematangsiantar",
            "kind": "agency",
            "parent_code": "12.73",
        }
    )

    code: Code
    name: FreeText = Field(min_length=1, max_length=200)
    kind: AgencyKind
    parent_code: Code | None = None
    active: bool = True


class AgencyPublic(BaseModel):
    code: str
    name: str
    kind: AgencyKind
    parent_code: str | None
    active: bool
    changed_at: datetime

    @classmethod
    def of(cls, agency: Agency) -> AgencyPublic:
        return cls(**agency.__dict__)
