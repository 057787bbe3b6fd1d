"""The REST application of the training service."""

from __future__ import annotations

from fastapi import FastAPI

from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.bus import MessageBus
from bangkom.platform.web.app import create_app
from bangkom.training.domain.catalog import InvalidCourse
from bangkom.training.entrypoints.api import courses
from bangkom.training.handlers.ports import TrainingUnitOfWork


def create_api(bus: MessageBus[TrainingUnitOfWork], verifier: TokenVerifier) -> FastAPI:
    return create_app(
        title="bangkom training",
        description=(
            "Katalog pelatihan: kompetensi yang dikembangkan, JP, moda, penyelenggara. / "
            "Training catalog: competencies developed, JP, mode, provider."
        ),
        routers=[courses.router],
        verifier=verifier,
        bus=bus,
        error_statuses={InvalidCourse: 422},
    )
