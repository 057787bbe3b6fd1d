from dataclasses import replace
from datetime import timedelta

import pytest

from bangkom.evaluation.domain.agency import AgencyKind
from bangkom.evaluation.domain.framework import Competency, CompetencyGroup, PositionType
from bangkom.evaluation.domain.model import AssessmentMethod
from bangkom.evaluation.handlers import commands
from bangkom.platform.catalog import (
    AgencyUpdated,
    EmployeeUpdated,
    FrameworkPublished,
    ResultRecorded,
    StandardPublished,
)
from bangkom.platform.errors import AccessDenied, InvalidInput, NotFound
from tests import factories
from tests.unit.evaluation.conftest import CITY, World

MANAGERIAL = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]


def _technical(agency: str, number: str = "01") -> Competency:
    return Competency(
        code=f"T.{agency}.{number}",
        name="Manajemen Talenta",
        group=CompetencyGroup.TEKNIS,
        description="Mengelola talenta ASN.",
        levels={level: f"Uraian level {level}" for level in range(1, 6)},
        agency_code=agency,
    )


async def test_the_seeded_framework_gives_every_position_type_its_default(world: World) -> None:
    agency = await world.agency()

    position = await world.position(agency, PositionType.ADMINISTRATOR)

    assert position.standard == dict.fromkeys(MANAGERIAL, 3)
    [event] = world.uow.events_of(StandardPublished)
    assert (event.version, event.framework_version, event.position_type) == (1, 1, "administrator")
    assert {lvl.competency_code: lvl.competency_name for lvl in event.levels}["M.05"] == (
        "Pelayanan Publik"
    )


async def test_overrides_and_technical_competencies_complete_the_standard(world: World) -> None:
    agency = await world.agency()
    await world.bus.handle(
        commands.DefineTechnicalCompetency(
            caller=factories.operator(agency), competency=_technical(agency)
        )
    )

    position = await world.position(
        agency, PositionType.PENGAWAS, overrides={"M.05": 4}, technical={f"T.{agency}.01": 3}
    )

    assert position.standard["M.05"] == 4
    assert position.standard["M.01"] == 2
    assert position.standard[f"T.{agency}.01"] == 3


async def test_redefining_a_position_unchanged_publishes_no_new_version(world: World) -> None:
    agency = await world.agency()
    await world.position(agency, overrides={"M.05": 3})
    await world.position(agency, overrides={"M.05": 3})
    await world.position(agency, overrides={"M.05": 4})

    assert [e.version for e in world.uow.events_of(StandardPublished)] == [1, 2]


async def test_a_new_framework_version_restandardises_only_the_types_it_changes(
    world: World,
) -> None:
    agency = await world.agency()
    supervisor = await world.position(agency, PositionType.PENGAWAS)
    manager = await world.position(agency, PositionType.ADMINISTRATOR)
    world.uow.published.clear()

    await world.bus.handle(
        commands.PublishFramework(
            caller=factories.admin(),
            defaults={PositionType.PENGAWAS: dict.fromkeys(MANAGERIAL, 3)},
            note="pengawas naik ke level 3",
        )
    )

    [framework] = world.uow.events_of(FrameworkPublished)
    assert framework.version == 2
    [standard] = world.uow.events_of(StandardPublished)
    assert (standard.position_code, standard.version, standard.framework_version) == (
        supervisor.code,
        2,
        2,
    )
    assert (await world.uow.positions.get(manager.code)).standard_version == 1  # type: ignore[union-attr]
    assert (await world.uow.frameworks.get(1)).defaults[PositionType.PENGAWAS]["M.01"] == 2  # type: ignore[union-attr]


async def test_only_a_province_admin_publishes_the_framework(world: World) -> None:
    with pytest.raises(AccessDenied):
        await world.bus.handle(
            commands.PublishFramework(caller=factories.operator(CITY), defaults={})
        )


async def test_an_operator_defines_units_under_its_agency_but_not_agencies(world: World) -> None:
    agency = await world.agency()
    operator = factories.operator(agency)

    await world.bus.handle(
        commands.DefineAgency(
            caller=operator,
            code=f"{agency}.PK",
            name="Bidang PK",
            kind=AgencyKind.UNIT,
            parent_code=agency,
        )
    )
    with pytest.raises(AccessDenied):
        await world.bus.handle(
            commands.DefineAgency(
                caller=operator,
                code=f"{CITY}.NEW",
                name="Dinas Baru",
                kind=AgencyKind.AGENCY,
                parent_code=CITY,
            )
        )
    assert [e.agency_code for e in world.uow.events_of(AgencyUpdated)][-1] == f"{agency}.PK"


async def test_an_agency_code_must_extend_its_parents_code(world: World) -> None:
    with pytest.raises(InvalidInput, match=r"parent code '12\.73' plus one segment"):
        await world.bus.handle(
            commands.DefineAgency(
                caller=factories.admin(),
                code="12.74.DINKES",
                name="Dinkes",
                kind=AgencyKind.AGENCY,
                parent_code=CITY,
            )
        )


async def test_a_technical_competency_belongs_to_its_agency(world: World) -> None:
    mine, theirs = await world.agency(), await world.agency()

    with pytest.raises(AccessDenied):
        await world.bus.handle(
            commands.DefineTechnicalCompetency(
                caller=factories.operator(mine), competency=_technical(theirs)
            )
        )
    with pytest.raises(InvalidInput, match="belum didefinisikan"):
        await world.position(mine, technical={f"T.{theirs}.01": 2})


async def test_a_technical_competency_relates_only_to_what_the_current_framework_holds(
    world: World,
) -> None:
    agency = await world.agency()
    current = world.uow.frameworks.rows[1]
    world.uow.frameworks.rows[2] = replace(  # a version that dropped M.08
        current,
        version=2,
        competencies={c: v for c, v in current.competencies.items() if c != "M.08"},
        defaults={
            t: {c: n for c, n in d.items() if c != "M.08"} for t, d in current.defaults.items()
        },
    )

    with pytest.raises(InvalidInput, match=r"not in the framework: M\.08") as refused:
        await world.bus.handle(
            commands.DefineTechnicalCompetency(
                caller=factories.admin(),
                competency=replace(_technical(agency), related=("M.05", "M.08")),
            )
        )
    assert refused.value.field == "related"
    assert world.uow.technical.rows == {}


async def test_registering_an_employee_publishes_the_roster_entry_once(world: World) -> None:
    agency = await world.agency()
    position = await world.position(agency)
    nip = factories.nip()
    register = commands.RegisterEmployee(
        caller=factories.operator(agency),
        nip=nip,
        name="Rina Siregar",
        agency_code=agency,
        position_code=position.code,
    )

    await world.bus.handle(register)
    await world.bus.handle(register)

    [event] = world.uow.events_of(EmployeeUpdated)
    assert (event.nip, event.agency_code, event.position_code) == (nip, agency, position.code)


async def test_an_employee_of_a_unit_may_hold_a_position_of_its_agency(world: World) -> None:
    agency = await world.agency()
    unit = f"{agency}.PK"
    await world.bus.handle(
        commands.DefineAgency(
            caller=factories.admin(),
            code=unit,
            name="Bidang",
            kind=AgencyKind.UNIT,
            parent_code=agency,
        )
    )

    employee = await world.employee(unit, await world.position(agency))

    assert employee.agency_code == unit


async def test_an_operator_cannot_register_into_another_agency(world: World) -> None:
    mine, theirs = await world.agency(), await world.agency()
    position = await world.position(theirs)

    with pytest.raises(AccessDenied):
        await world.bus.handle(
            commands.RegisterEmployee(
                caller=factories.operator(mine),
                nip=factories.nip(),
                name="X",
                agency_code=theirs,
                position_code=position.code,
            )
        )
    assert world.uow.events_of(EmployeeUpdated) == []


async def test_an_invalid_nip_is_a_client_error_naming_the_part(world: World) -> None:
    agency = await world.agency()
    position = await world.position(agency)

    with pytest.raises(InvalidInput, match="angka jenis kelamin"):
        await world.bus.handle(
            commands.RegisterEmployee(
                caller=factories.admin(),
                nip="198503152010013003",
                name="X",
                agency_code=agency,
                position_code=position.code,
            )
        )


async def test_recording_a_result_publishes_it_with_its_precedence(world: World) -> None:
    agency = await world.agency()
    employee = await world.employee(agency)
    evaluated_at = factories.at(days_ago=2)

    await world.bus.handle(
        commands.RecordResult(
            caller=factories.operator(agency),
            nip=employee.nip,
            competency_code="M.05",
            level=2,
            method=AssessmentMethod.SELF,
            evaluated_at=evaluated_at,
        )
    )

    [event] = world.uow.events_of(ResultRecorded)
    assert (event.nip, event.agency_code, event.level, event.evaluated_at) == (
        employee.nip,
        agency,
        2,
        evaluated_at,
    )
    assert (event.method_rank, event.period) == (1, evaluated_at.year)


async def test_results_of_another_agency_look_absent_and_are_not_recorded(world: World) -> None:
    agency, other = await world.agency(), await world.agency()
    employee = await world.employee(agency)

    with pytest.raises(NotFound):
        await world.bus.handle(
            commands.RecordResult(
                caller=factories.operator(other),
                nip=employee.nip,
                competency_code="M.05",
                level=2,
                method=AssessmentMethod.CAT,
                evaluated_at=factories.at(),
            )
        )
    assert world.uow.results.rows == []


async def test_a_result_dated_in_the_future_is_refused(world: World) -> None:
    agency = await world.agency()
    employee = await world.employee(agency)

    with pytest.raises(InvalidInput, match="belum tiba"):
        await world.bus.handle(
            commands.RecordResult(
                caller=factories.admin(),
                nip=employee.nip,
                competency_code="M.05",
                level=2,
                method=AssessmentMethod.CAT,
                evaluated_at=factories.at() + timedelta(days=1),
            )
        )
