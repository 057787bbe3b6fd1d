"""The only place that wires the evaluation service together."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path

from bangkom.evaluation.adapters.framework_file import seed_command
from bangkom.evaluation.adapters.spreadsheets import SpreadsheetFiles
from bangkom.evaluation.adapters.tables import metadata
from bangkom.evaluation.adapters.uow import SqlEvaluationUnitOfWork
from bangkom.evaluation.config import EvaluationSettings
from bangkom.evaluation.entrypoints.app import create_api
from bangkom.evaluation.entrypoints.import_runner import ImportRunner
from bangkom.evaluation.entrypoints.rpc import evaluation_grpc
from bangkom.evaluation.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.platform.bus import MessageBus
from bangkom.platform.catalog import topics
from bangkom.platform.db.database import Database
from bangkom.platform.db.locks import exclusive
from bangkom.platform.inject import inject_all
from bangkom.platform.service import Service, assemble_service

MIGRATIONS = Path(__file__).parent / "migrations" / "versions"


def build_bus(uow_factory: Callable[[], EvaluationUnitOfWork]) -> MessageBus[EvaluationUnitOfWork]:
    return MessageBus(uow_factory, COMMAND_HANDLERS)


async def prepare_data(bus: MessageBus[EvaluationUnitOfWork]) -> None:
    """Seed the framework's first version (imports cut short resume: ImportRunner)."""
    await bus.handle(seed_command())


def bootstrap(settings: EvaluationSettings | None = None) -> Service:
    settings = settings or EvaluationSettings()
    database = Database(settings.database_url, pool_size=settings.database_pool_size)
    imports = ImportRunner(
        lambda: SqlEvaluationUnitOfWork(database),
        SpreadsheetFiles(),
        settings.import_spool_dir,
        settings.import_batch_size,
        hold=partial(exclusive, database),
    )
    return assemble_service(
        settings,
        database=database,
        metadata=metadata,
        versions_dir=MIGRATIONS,
        unit_of_work=SqlEvaluationUnitOfWork,
        api=partial(create_api, import_runner=imports, case_base_uri=settings.case_base_uri),
        workers=[("imports", lambda _uow_factory: imports.resume)],
        command_handlers=COMMAND_HANDLERS,
        event_handlers=inject_all(
            EVENT_HANDLERS, {"l3_delay": timedelta(days=settings.l3_delay_days)}
        ),
        topics=(
            topics.AGENCIES,
            topics.FRAMEWORK,
            topics.ROSTER,
            topics.STANDARDS,
            topics.RESULTS,
            topics.TRAINING_EVALUATIONS,
            topics.COMPLETIONS,
            topics.EVALUATION_AUDIT,
        ),
        grpc=[evaluation_grpc],
        startup=prepare_data,
    )
