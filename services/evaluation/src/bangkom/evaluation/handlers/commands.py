"""Commands the evaluation service accepts (imperative names)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from bangkom.evaluation.domain.agency import AgencyKind
from bangkom.evaluation.domain.case_import import CasePackage
from bangkom.evaluation.domain.framework import Competency, PositionType
from bangkom.evaluation.domain.training_evaluation import KirkpatrickLevel
from bangkom.kernel.precedence import AssessmentMethod
from bangkom.platform.auth import Caller


@dataclass(frozen=True)
class DefineAgency:
    caller: Caller
    code: str
    name: str
    kind: AgencyKind
    parent_code: str | None
    active: bool = True


@dataclass(frozen=True)
class PublishFramework:
    """Publish the next framework version; what is omitted carries over."""

    caller: Caller
    competencies: list[Competency] | None = None
    defaults: Mapping[PositionType, Mapping[str, int]] | None = None
    note: str | None = None
    public: bool = False


@dataclass(frozen=True)
class MarkFrameworkPublic:
    """Let anyone read a framework version at the CASE paths (or stop it)."""

    caller: Caller
    version: int
    public: bool


@dataclass(frozen=True)
class ImportCasePackage:
    """Read a CASE package (another province's dictionary) into a framework draft."""

    caller: Caller
    package: CasePackage


@dataclass(frozen=True)
class PublishFrameworkDraft:
    """Publish a draft's competencies as the next framework version."""

    caller: Caller
    draft_id: str
    note: str | None = None
    public: bool = False


@dataclass(frozen=True)
class SeedFramework:
    """Publish version 1 from configuration data when no version exists yet."""

    competencies: list[Competency]
    defaults: Mapping[PositionType, Mapping[str, int]]


@dataclass(frozen=True)
class DefineTechnicalCompetency:
    caller: Caller
    competency: Competency


@dataclass(frozen=True)
class DefinePosition:
    caller: Caller
    code: str
    name: str
    agency_code: str
    position_type: PositionType
    overrides: dict[str, int]
    technical: dict[str, int]


@dataclass(frozen=True)
class RegisterEmployee:
    caller: Caller
    nip: str
    name: str
    agency_code: str
    position_code: str
    supervisor_nip: str | None = None
    active: bool = True


@dataclass(frozen=True)
class RecordResult:
    caller: Caller
    nip: str
    competency_code: str
    level: int
    method: AssessmentMethod
    evaluated_at: datetime
    assessor: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class RecordResults:
    """Many results in one request; each is checked on its own."""

    caller: Caller
    results: list[RecordResult]


@dataclass(frozen=True)
class RecordTrainingEvaluation:
    """Record one Kirkpatrick level of a post-training evaluation."""

    caller: Caller
    evaluation_id: str
    level: KirkpatrickLevel
    score: float | None = None
    pre_score: float | None = None
    competency_levels: Mapping[str, int] | None = None
    note: str | None = None
