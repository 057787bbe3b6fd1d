"""The REST application of the survey service."""

from __future__ import annotations

from fastapi import FastAPI

from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.bus import MessageBus
from bangkom.platform.web.app import create_app
from bangkom.platform.web.errors import ErrorKind
from bangkom.survey.domain.eligibility import NotEligible
from bangkom.survey.domain.responses import InvalidAnswer
from bangkom.survey.domain.surveys import InvalidSurvey, SurveyStateError
from bangkom.survey.entrypoints.api import (
    answers,
    needs,
    participation,
    public,
    roster,
    satisfaction,
    surveys,
)
from bangkom.survey.entrypoints.api.rate_limit import RateLimiter
from bangkom.survey.handlers.ports import SurveyUnitOfWork


def create_api(
    bus: MessageBus[SurveyUnitOfWork], verifier: TokenVerifier, public_answers_per_minute: int
) -> FastAPI:
    app = create_app(
        title="bangkom survey",
        description=(
            "Survei kebutuhan pelatihan per instansi dan kebutuhan yang teragregasi. / "
            "Training-needs surveys per agency and aggregated needs."
        ),
        routers=[
            surveys.router,
            participation.router,
            answers.router,
            needs.router,
            roster.router,
            satisfaction.router,
            public.router,
        ],
        verifier=verifier,
        bus=bus,
        errors={
            InvalidSurvey: ErrorKind(422, "Survei tidak valid"),
            InvalidAnswer: ErrorKind(422, "Jawaban tidak valid"),
            NotEligible: ErrorKind(422, "Pegawai ini bukan responden yang memenuhi syarat"),
            SurveyStateError: ErrorKind(409, "Status survei tidak mengizinkan tindakan ini"),
        },
    )
    app.state.public_rate_limiter = RateLimiter(public_answers_per_minute)
    return app
