"""The only place that wires the evaluation service together."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bangkom.evaluation.adapters.framework_file import seed_command
from bangkom.evaluation.adapters.tables import metadata
from bangkom.evaluation.adapters.uow import SqlEvaluationUnitOfWork
from bangkom.evaluation.config import EvaluationSettings
from bangkom.evaluation.entrypoints.app import create_api
from bangkom.evaluation.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.platform.bus import MessageBus
from bangkom.platform.catalog import topics
from bangkom.platform.service import Service, assemble_service

MIGRATIONS = Path(__file__).parent / "migrations" / "versions"


def build_bus(uow_factory: Callable[[], EvaluationUnitOfWork]) -> MessageBus[EvaluationUnitOfWork]:
    return MessageBus(uow_factory, COMMAND_HANDLERS)


async def seed_framework(bus: MessageBus[EvaluationUnitOfWork]) -> None:
    await bus.handle(seed_command())


def bootstrap(settings: EvaluationSettings | None = None) -> Service:
    return assemble_service(
        settings or EvaluationSettings(),
        metadata=metadata,
        versions_dir=MIGRATIONS,
        unit_of_work=SqlEvaluationUnitOfWork,
        api=create_api,
        command_handlers=COMMAND_HANDLERS,
        event_handlers=EVENT_HANDLERS,
        topics=(
            topics.AGENCIES,
            topics.FRAMEWORK,
            topics.ROSTER,
            topics.STANDARDS,
            topics.RESULTS,
            topics.TRAINING_EVALUATIONS,
        ),
        startup=seed_framework,
    )
