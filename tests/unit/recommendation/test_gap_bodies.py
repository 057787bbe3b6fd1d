"""The gaps read writes its JSON without models: byte for byte what the models write."""

from __future__ import annotations

from datetime import UTC, datetime

from bangkom.kernel.gaps import Gap
from bangkom.recommendation.domain.model import Placement
from bangkom.recommendation.entrypoints.api.schemas.gaps import (
    EmployeeGapsPublic,
    GapPublic,
    employee_gaps_json,
)
from bangkom.recommendation.handlers.ports import EmployeeGaps

PLACEMENT = Placement(
    "198503152010012003",
    "12.73.DINKES",
    "P-PENGAWAS",
    True,
    datetime(2026, 11, 2, tzinfo=UTC),
    None,
    "PNS",
)


def _modelled(found: EmployeeGaps) -> bytes:
    return (
        EmployeeGapsPublic(
            nip=found.placement.nip,
            agency_code=found.placement.agency_code,
            position_code=found.placement.position_code,
            standard_version=found.standard_version,
            gaps=[
                GapPublic(
                    competency_code=g.competency_code,
                    competency_name=g.competency_name,
                    required_level=g.required_level,
                    current_level=g.current_level,
                    gap=g.size,
                    status=g.status,
                )
                for g in found.gaps
            ],
        )
        .model_dump_json(by_alias=True)
        .encode()
    )


def test_every_status_is_written_as_the_models_write_it() -> None:
    found = EmployeeGaps(
        placement=PLACEMENT,
        standard_version=4,
        gaps=[
            Gap("M.01", "Integritas", 3, 3),
            Gap("M.02", 'Kerja sama "tim" — é', 3, None),
            Gap("M.05", "Komunikasi", 4, 1),
        ],
    )
    assert employee_gaps_json(found) == _modelled(found)


def test_an_employee_without_a_standard_or_gaps_is_written_as_the_models_write_it() -> None:
    found = EmployeeGaps(placement=PLACEMENT, standard_version=None, gaps=[])
    assert employee_gaps_json(found) == _modelled(found)
