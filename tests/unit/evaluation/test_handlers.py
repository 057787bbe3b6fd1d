from datetime import timedelta

import pytest

from bangkom.evaluation.bootstrap import build_bus
from bangkom.evaluation.domain.model import AssessmentMethod
from bangkom.evaluation.handlers import commands
from bangkom.platform.catalog import EmployeeUpdated, ResultRecorded, StandardPublished
from bangkom.platform.errors import AccessDenied, InvalidInput, NotFound
from tests import factories
from tests.unit.evaluation.fakes import FakeEvaluationUnitOfWork


@pytest.fixture
def uow() -> FakeEvaluationUnitOfWork:
    return FakeEvaluationUnitOfWork()


@pytest.fixture
def bus(uow: FakeEvaluationUnitOfWork):
    return build_bus(lambda: uow)


async def _position(bus, agency: str, standard: dict[str, int] | None = None) -> str:
    code = f"{agency}-JAB"
    await bus.handle(
        commands.DefinePosition(
            caller=factories.admin(),
            code=code,
            name="Analis Kebijakan",
            agency_code=agency,
            standard=standard or {"M.01": 3, "M.05": 3},
        )
    )
    return code


async def _registered(bus) -> tuple[str, str]:
    """An agency with one position and one employee in it."""
    agency = factories.agency_code()
    position = await _position(bus, agency)
    nip = factories.nip()
    await bus.handle(
        commands.RegisterEmployee(
            caller=factories.admin(), nip=nip, name="A", agency_code=agency, position_code=position
        )
    )
    return agency, nip


async def test_a_new_standard_is_version_1_and_a_changed_one_a_new_version(bus, uow) -> None:
    agency = factories.agency_code()
    await _position(bus, agency, {"M.01": 3})
    await _position(bus, agency, {"M.01": 3})
    await _position(bus, agency, {"M.01": 4})

    versions = [e.version for e in uow.events_of(StandardPublished)]
    assert versions == [1, 2]


async def test_registering_an_employee_publishes_the_roster_entry_once(bus, uow) -> None:
    agency = factories.agency_code()
    position = await _position(bus, agency)
    nip = factories.nip()
    register = commands.RegisterEmployee(
        caller=factories.operator(agency),
        nip=nip,
        name="Rina Siregar",
        agency_code=agency,
        position_code=position,
    )

    await bus.handle(register)
    await bus.handle(register)

    [event] = uow.events_of(EmployeeUpdated)
    assert (event.nip, event.agency_code, event.position_code) == (nip, agency, position)


async def test_an_operator_cannot_register_into_another_agency(bus, uow) -> None:
    mine, theirs = factories.agency_code(), factories.agency_code()
    position = await _position(bus, theirs)

    with pytest.raises(AccessDenied):
        await bus.handle(
            commands.RegisterEmployee(
                caller=factories.operator(mine),
                nip=factories.nip(),
                name="X",
                agency_code=theirs,
                position_code=position,
            )
        )
    assert uow.events_of(EmployeeUpdated) == []


async def test_an_invalid_nip_is_a_client_error_naming_the_part(bus) -> None:
    agency = factories.agency_code()
    position = await _position(bus, agency)

    with pytest.raises(InvalidInput, match="gender digit"):
        await bus.handle(
            commands.RegisterEmployee(
                caller=factories.admin(),
                nip="198503152010013003",
                name="X",
                agency_code=agency,
                position_code=position,
            )
        )


async def test_recording_a_result_publishes_it_with_the_employee_agency(bus, uow) -> None:
    agency, nip = await _registered(bus)
    evaluated_at = factories.at(days_ago=2)

    await bus.handle(
        commands.RecordResult(
            caller=factories.operator(agency),
            nip=nip,
            competency_code="M.05",
            level=2,
            method=AssessmentMethod.ASSESSMENT_CENTER,
            evaluated_at=evaluated_at,
        )
    )

    [event] = uow.events_of(ResultRecorded)
    assert (event.nip, event.agency_code, event.level, event.evaluated_at) == (
        nip,
        agency,
        2,
        evaluated_at,
    )


async def test_results_of_another_agency_look_absent_and_are_not_recorded(bus, uow) -> None:
    _, nip = await _registered(bus)
    other = factories.agency_code()

    with pytest.raises(NotFound):
        await bus.handle(
            commands.RecordResult(
                caller=factories.operator(other),
                nip=nip,
                competency_code="M.05",
                level=2,
                method=AssessmentMethod.CAT,
                evaluated_at=factories.at(),
            )
        )
    assert uow.results.rows == []


async def test_a_result_dated_in_the_future_is_refused(bus) -> None:
    _, nip = await _registered(bus)

    with pytest.raises(InvalidInput, match="in the future"):
        await bus.handle(
            commands.RecordResult(
                caller=factories.admin(),
                nip=nip,
                competency_code="M.05",
                level=2,
                method=AssessmentMethod.CAT,
                evaluated_at=factories.at() + timedelta(days=1),
            )
        )
