"""Domain objects into catalog events (the one place that knows both shapes)."""

from __future__ import annotations

from datetime import datetime

from bangkom.evaluation.domain.agency import Agency
from bangkom.evaluation.domain.competency import competency_name
from bangkom.evaluation.domain.framework import Competency, Framework
from bangkom.evaluation.domain.model import AssessmentResult, Employee, Position
from bangkom.platform.catalog import (
    AgencyUpdated,
    EmployeeUpdated,
    FrameworkPublished,
    PreparedEvent,
    ResultRecorded,
    ResultsRecorded,
    StandardPublished,
    TechnicalCompetencyUpdated,
)
from bangkom.platform.catalog.evaluation import (
    CompetencyDefinition,
    LevelDescription,
    PositionTypeDefault,
    RequiredLevel,
    StandardLevel,
)


def agency_updated(agency: Agency) -> AgencyUpdated:
    return AgencyUpdated(
        agency_code=agency.code,
        name=agency.name,
        kind=agency.kind.value,
        parent_code=agency.parent_code,
        active=agency.active,
        changed_at=agency.changed_at,
    )


def definition(competency: Competency) -> CompetencyDefinition:
    return CompetencyDefinition(
        code=competency.code,
        name=competency.name,
        group=competency.group.value,
        agency_code=competency.agency_code,
        description=competency.description,
        levels=[
            LevelDescription(level=level, description=text)
            for level, text in sorted(competency.levels.items())
        ],
    )


def framework_published(framework: Framework) -> FrameworkPublished:
    return FrameworkPublished(
        version=framework.version,
        competencies=[definition(c) for _, c in sorted(framework.competencies.items())],
        position_type_defaults=[
            PositionTypeDefault(
                position_type=position_type.value,
                levels=[
                    RequiredLevel(competency_code=code, required_level=level)
                    for code, level in sorted(levels.items())
                ],
            )
            for position_type, levels in sorted(framework.defaults.items())
        ],
        published_at=framework.published_at,
    )


def technical_updated(
    competency: Competency, version: int, changed_at: datetime
) -> TechnicalCompetencyUpdated:
    return TechnicalCompetencyUpdated(
        competency=definition(competency), version=version, changed_at=changed_at
    )


def standard_published(
    position: Position, names: dict[str, str], published_at: datetime
) -> StandardPublished:
    return StandardPublished(
        position_code=position.code,
        position_name=position.name,
        position_type=position.position_type.value,
        agency_code=position.agency_code,
        version=position.standard_version,
        framework_version=position.framework_version,
        levels=[
            StandardLevel(
                competency_code=code,
                competency_name=names.get(code) or competency_name(code),
                required_level=level,
            )
            for code, level in sorted(position.standard.items())
        ],
        published_at=published_at,
    )


def employee_updated(employee: Employee) -> EmployeeUpdated:
    return EmployeeUpdated(
        nip=employee.nip,
        name=employee.name,
        employment_type=employee.employment_type.value,
        agency_code=employee.agency_code,
        position_code=employee.position_code,
        supervisor_nip=employee.supervisor_nip,
        active=employee.active,
        changed_at=employee.changed_at,
    )


def result_recorded(result: AssessmentResult, agency_code: str) -> ResultRecorded:
    return ResultRecorded(
        result_id=result.id,
        nip=result.nip,
        agency_code=agency_code,
        competency_code=result.competency_code,
        level=result.level,
        method=result.method.value,
        evaluated_at=result.evaluated_at,
        period=result.period,
        method_rank=result.method_rank,
    )


def results_recorded(nip: str, agency_code: str, results: list[AssessmentResult]) -> PreparedEvent:
    """ResultsRecorded, its JSON written straight from stored results: bulk imports build
    one per employee and batch, and the results were checked when they were made."""
    return PreparedEvent.of_values(
        ResultsRecorded,
        nip,
        {
            "nip": nip,
            "agency_code": agency_code,
            "results": [
                {
                    "result_id": r.id,
                    "competency_code": r.competency_code,
                    "level": r.level,
                    "method": r.method,
                    "evaluated_at": r.evaluated_at,
                    "period": r.period,
                    "method_rank": r.method_rank,
                }
                for r in results
            ],
        },
    )
