"""The only place that wires the training service together."""

from __future__ import annotations

from pathlib import Path

from bangkom.platform.catalog import topics
from bangkom.platform.service import Service, assemble_service
from bangkom.training.adapters.tables import metadata
from bangkom.training.adapters.uow import SqlTrainingUnitOfWork
from bangkom.training.config import TrainingSettings
from bangkom.training.entrypoints.app import create_api
from bangkom.training.handlers import COMMAND_HANDLERS, EVENT_HANDLERS

MIGRATIONS = Path(__file__).parent / "migrations" / "versions"


def bootstrap(settings: TrainingSettings | None = None) -> Service:
    return assemble_service(
        settings or TrainingSettings(),
        metadata=metadata,
        versions_dir=MIGRATIONS,
        unit_of_work=SqlTrainingUnitOfWork,
        api=create_api,
        command_handlers=COMMAND_HANDLERS,
        event_handlers=EVENT_HANDLERS,
        topics=(topics.CATALOG,),
    )
