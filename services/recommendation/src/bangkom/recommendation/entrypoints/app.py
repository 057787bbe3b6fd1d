"""The REST application of the recommendation service."""

from __future__ import annotations

from fastapi import FastAPI

from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.bus import MessageBus
from bangkom.platform.web.app import create_app
from bangkom.platform.web.errors import ErrorKind
from bangkom.recommendation.domain.lifecycle import InvalidTransition
from bangkom.recommendation.domain.satisfaction_did import TrainingMapping
from bangkom.recommendation.entrypoints.api import (
    analytics,
    employees,
    needs,
    operations,
    proposals,
    reports,
    satisfaction,
)
from bangkom.recommendation.handlers.ports import EmployeeViews, RecommendationUnitOfWork


def create_api(
    bus: MessageBus[RecommendationUnitOfWork],
    verifier: TokenVerifier,
    training_mapping: TrainingMapping,
    views: EmployeeViews,
) -> FastAPI:
    app = create_app(
        title="bangkom recommendation",
        description=(
            "Kesenjangan kompetensi per pegawai dan usulan pelatihan beserta alasannya. / "
            "Competency gaps per employee and training proposals with their reasons."
        ),
        routers=[
            employees.router,
            reports.router,
            proposals.router,
            needs.router,
            analytics.router,
            satisfaction.router,
            operations.router,
        ],
        verifier=verifier,
        bus=bus,
        errors={
            InvalidTransition: ErrorKind(409, "Status usulan ini tidak dapat diubah seperti itu")
        },
    )
    app.state.training_mapping = training_mapping
    app.state.views = views
    return app
