import uuid
from datetime import timedelta

import pytest

from bangkom.evaluation.domain.training_evaluation import EvaluationStatus, KirkpatrickLevel
from bangkom.evaluation.handlers import commands, queries
from bangkom.evaluation.handlers.on_events import schedule_l3
from bangkom.platform.catalog import (
    CompletionRecorded,
    ResultRecorded,
    TrainingEvaluationRecorded,
    TrainingEvaluationScheduled,
)
from bangkom.platform.catalog.training import CourseCompetency
from bangkom.platform.errors import AccessDenied, InvalidInput, NotFound
from tests import factories
from tests.unit.evaluation.conftest import World


def _completion(
    nip: str, agency: str, *, days_ago: float, outcome: str = "passed"
) -> CompletionRecorded:
    return CompletionRecorded(
        completion_id=str(uuid.uuid4()),
        nip=nip,
        agency_code=agency,
        course_code="PEL-PP",
        outcome=outcome,
        jp=24,
        mode="klasikal",
        competencies=[CourseCompetency(competency_code="M.05", level_from=1, level_to=3)],
        source="session",
        completed_at=factories.at(days_ago=days_ago),
    )


async def _scheduled(world: World, days_ago: float, delay_days: int = 90) -> tuple[str, str]:
    agency = await world.agency()
    employee = await world.employee(agency)
    completion = _completion(employee.nip, agency, days_ago=days_ago)
    await schedule_l3(completion, world.uow, l3_delay=timedelta(days=delay_days))
    await schedule_l3(completion, world.uow, l3_delay=timedelta(days=delay_days))  # redelivered
    await world.uow.commit()
    [event] = world.uow.events_of(TrainingEvaluationScheduled)
    return agency, event.evaluation_id  # type: ignore[attr-defined]


async def test_a_completion_schedules_one_l3_evaluation_after_the_configured_delay(
    world: World,
) -> None:
    agency = await world.agency()
    employee = await world.employee(agency)
    completion = _completion(employee.nip, agency, days_ago=10)

    await schedule_l3(completion, world.uow, l3_delay=timedelta(days=120))
    await schedule_l3(completion, world.uow, l3_delay=timedelta(days=120))
    await world.uow.commit()

    [event] = world.uow.events_of(TrainingEvaluationScheduled)
    assert event.due_at == completion.completed_at + timedelta(days=120)  # type: ignore[attr-defined]
    assert event.completion_id == completion.completion_id  # type: ignore[attr-defined]


async def test_a_failed_course_schedules_nothing(world: World) -> None:
    agency = await world.agency()
    employee = await world.employee(agency)

    await schedule_l3(
        _completion(employee.nip, agency, days_ago=1, outcome="failed"),
        world.uow,
        l3_delay=timedelta(days=90),
    )

    assert world.uow.training_evaluations.rows == {}


async def test_due_and_overdue_follow_the_due_date(world: World) -> None:
    agency, upcoming = await _scheduled(world, days_ago=10)
    world.uow.published.clear()
    _, due = await _scheduled(world, days_ago=100)
    world.uow.published.clear()
    _, overdue = await _scheduled(world, days_ago=200)
    now = factories.at()

    async def ids(status: EvaluationStatus) -> list[str]:
        found = await queries.list_training_evaluations(
            world.uow, factories.admin(), status=status, now=now, limit=50, offset=0
        )
        return [e.id for e in found]

    assert await ids(EvaluationStatus.UPCOMING) == [upcoming]
    assert await ids(EvaluationStatus.DUE) == [due]
    assert await ids(EvaluationStatus.OVERDUE) == [overdue]
    assert await queries.list_training_evaluations(
        world.uow, factories.operator(agency), status=None, now=now, limit=50, offset=0
    ) == [await world.uow.training_evaluations.get(upcoming)]


async def test_an_l3_record_completes_the_evaluation_and_becomes_an_assessment_result(
    world: World,
) -> None:
    agency, evaluation_id = await _scheduled(world, days_ago=100)
    world.uow.published.clear()

    evaluation = await world.bus.handle(
        commands.RecordTrainingEvaluation(
            caller=factories.operator(agency),
            evaluation_id=evaluation_id,
            level=KirkpatrickLevel.BEHAVIOUR,
            competency_levels={"M.05": 3},
            note="Atasan mengamati layanan yang lebih baik",
        )
    )

    assert evaluation.status(factories.at()) is EvaluationStatus.COMPLETED
    [recorded] = world.uow.events_of(TrainingEvaluationRecorded)
    assert recorded.kirkpatrick_level == 3  # type: ignore[attr-defined]
    [result] = world.uow.events_of(ResultRecorded)
    assert (result.competency_code, result.level, result.method) == ("M.05", 3, "post_training")  # type: ignore[attr-defined]


async def test_l3_must_measure_a_competency_the_course_develops(world: World) -> None:
    agency, evaluation_id = await _scheduled(world, days_ago=100)

    with pytest.raises(InvalidInput, match=r"does not develop M\.08"):
        await world.bus.handle(
            commands.RecordTrainingEvaluation(
                caller=factories.operator(agency),
                evaluation_id=evaluation_id,
                level=KirkpatrickLevel.BEHAVIOUR,
                competency_levels={"M.08": 3},
            )
        )


async def test_an_employee_records_only_their_own_reaction(world: World) -> None:
    _, evaluation_id = await _scheduled(world, days_ago=5)
    nip = world.uow.training_evaluations.rows[evaluation_id].nip
    me = factories.employee_caller(nip)

    await world.bus.handle(
        commands.RecordTrainingEvaluation(
            caller=me, evaluation_id=evaluation_id, level=KirkpatrickLevel.REACTION, score=90
        )
    )
    with pytest.raises(AccessDenied):
        await world.bus.handle(
            commands.RecordTrainingEvaluation(
                caller=me,
                evaluation_id=evaluation_id,
                level=KirkpatrickLevel.BEHAVIOUR,
                competency_levels={"M.05": 3},
            )
        )
    with pytest.raises(NotFound):
        await world.bus.handle(
            commands.RecordTrainingEvaluation(
                caller=factories.employee_caller(factories.nip()),
                evaluation_id=evaluation_id,
                level=KirkpatrickLevel.REACTION,
                score=10,
            )
        )
