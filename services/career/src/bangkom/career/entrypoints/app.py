"""The REST application of the career service."""

from __future__ import annotations

from fastapi import FastAPI

from bangkom.career.domain.model import PlanStateError
from bangkom.career.entrypoints.api import candidates, plans, ratings, succession, talent
from bangkom.career.handlers.policy import DEFAULT_POLICY, Policy
from bangkom.career.handlers.ports import CareerUnitOfWork
from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.bus import MessageBus
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.web.app import create_app
from bangkom.platform.web.errors import ErrorKind


def create_api(
    bus: MessageBus[CareerUnitOfWork],
    verifier: TokenVerifier,
    policy: Policy = DEFAULT_POLICY,
    clock: Clock = utc_now,
) -> FastAPI:
    app = create_app(
        title="bangkom career",
        description=(
            "Manajemen talenta ASN: penilaian kinerja (SKP), potensi, nine-box, kesiapan "
            "untuk jabatan target, kelompok rencana suksesi dan rencana pengembangan individu. "
            "/ Talent management: SKP ratings, potential, the nine-box, readiness for a target "
            "position, succession pools and development plans."
        ),
        routers=[
            ratings.router,
            talent.router,
            candidates.router,
            succession.router,
            plans.router,
        ],
        verifier=verifier,
        bus=bus,
        errors={
            PlanStateError: ErrorKind(409, "Status rencana pengembangan tidak mengizinkan ini")
        },
    )
    app.state.career_policy = policy
    app.state.clock = clock
    return app
