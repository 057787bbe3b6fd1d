"""Survey domain objects for unit tests, built by rules."""

from __future__ import annotations

from datetime import datetime

from bangkom.platform.catalog import (
    AgencyUpdated,
    EmployeeUpdated,
    FrameworkPublished,
    StandardPublished,
)
from bangkom.platform.catalog.evaluation import (
    CompetencyDefinition,
    LevelDescription,
    StandardLevel,
)
from bangkom.survey.domain.eligibility import Respondent
from bangkom.survey.domain.responses import CompetencyAnswer, Response, SupervisorRating
from tests import factories

SURVEY_ID = "survey-1"


def respondent(
    nip: str,
    required: dict[str, int],
    *,
    survey_agency: str = "12.73.BKPSDM",
    unit: str | None = None,
    supervisor_nip: str | None = None,
    excluded_at: datetime | None = None,
) -> Respondent:
    return Respondent(
        survey_id=SURVEY_ID,
        nip=nip,
        name=f"Pegawai {nip[-3:]}",
        agency_code=unit or survey_agency,
        survey_agency=survey_agency,
        position_code="POS",
        supervisor_nip=supervisor_nip,
        required=required,
        added_by="operator",
        added_at=factories.at(days_ago=10),
        excluded_by="operator" if excluded_at else None,
        excluded_at=excluded_at,
        exclusion_reason="mutasi" if excluded_at else None,
    )


def answer(
    code: str, importance: int, self_level: int, mode: str | None = None
) -> CompetencyAnswer:
    return CompetencyAnswer(code, importance, self_level, mode, None)


def response(
    nip: str, *answers: CompetencyAnswer, extra: dict[str, int | str] | None = None
) -> Response:
    return Response(
        survey_id=SURVEY_ID,
        nip=nip,
        answers=tuple(answers),
        extra_answers=extra or {},
        comment=None,
        answered_by=nip,
        answered_at=factories.at(days_ago=1),
    )


def rating(nip: str, **levels: int) -> SupervisorRating:
    """Keyword names are competency codes with '_' for '.', e.g. M_05=2."""
    return SupervisorRating(
        survey_id=SURVEY_ID,
        nip=nip,
        levels={code.replace("_", "."): level for code, level in levels.items()},
        note=None,
        rated_by="supervisor",
        rated_at=factories.at(days_ago=1),
    )


# Events as the evaluation service publishes them.


def agency_updated(code: str, *, active: bool = True, days_ago: float = 30) -> AgencyUpdated:
    parent, _, _ = code.rpartition(".")
    return AgencyUpdated(
        agency_code=code,
        name=f"Instansi {code}",
        kind=("province", "city", "agency")[code.count(".")] if code.count(".") < 3 else "unit",
        parent_code=parent or None,
        active=active,
        changed_at=factories.at(days_ago=days_ago),
    )


def employee_updated(
    nip: str,
    agency_code: str,
    position_code: str,
    *,
    supervisor_nip: str | None = None,
    active: bool = True,
    days_ago: float = 30,
) -> EmployeeUpdated:
    return EmployeeUpdated(
        nip=nip,
        name=f"Pegawai {nip[-4:]}",
        employment_type="PNS",
        agency_code=agency_code,
        position_code=position_code,
        supervisor_nip=supervisor_nip,
        active=active,
        changed_at=factories.at(days_ago=days_ago),
    )


def standard_published(
    position_code: str, agency_code: str, levels: dict[str, int], *, version: int = 1
) -> StandardPublished:
    return StandardPublished(
        position_code=position_code,
        position_name=f"Jabatan {position_code}",
        agency_code=agency_code,
        version=version,
        levels=[
            StandardLevel(competency_code=code, competency_name=code, required_level=level)
            for code, level in sorted(levels.items())
        ],
        published_at=factories.at(days_ago=60),
    )


DICTIONARY = {
    "M.01": "Integritas",
    "M.05": "Pelayanan Publik",
    "SK.01": "Perekat Bangsa",
}


def framework_published(version: int = 1) -> FrameworkPublished:
    return FrameworkPublished(
        version=version,
        competencies=[
            CompetencyDefinition(
                code=code,
                name=name,
                group="sosial_kultural" if code.startswith("SK") else "manajerial",
                description=f"Definisi {name}",
                levels=[
                    LevelDescription(level=level, description=f"{name} level {level}")
                    for level in range(1, 6)
                ],
            )
            for code, name in DICTIONARY.items()
        ],
        position_type_defaults=[],
        published_at=factories.at(days_ago=90),
    )
