"""The REST application of the training service."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy.exc import IntegrityError

from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.bus import MessageBus
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.web.app import create_app
from bangkom.platform.web.errors import ErrorKind
from bangkom.training.domain.catalog import InvalidCourse
from bangkom.training.domain.completions import InvalidCompletion
from bangkom.training.domain.enrolments import EnrolmentRefused
from bangkom.training.domain.sessions import InvalidSession
from bangkom.training.entrypoints.api import (
    completions,
    compliance,
    courses,
    enrolments,
    sessions,
    xapi,
)
from bangkom.training.handlers.ports import TrainingUnitOfWork

# Two requests created the same thing at once and the database kept the first; the
# statement is not echoed (it carries personal data).
CONCURRENT_CHANGE = ErrorKind(
    409,
    "Permintaan lain mengubah data yang sama lebih dahulu",
    code="conflict",
    reason="a concurrent request changed the same record first; read it and retry",
)


def create_api(
    bus: MessageBus[TrainingUnitOfWork], verifier: TokenVerifier, *, clock: Clock = utc_now
) -> FastAPI:
    app = create_app(
        title="bangkom training",
        description=(
            "Katalog pelatihan, angkatan, pendaftaran dengan daftar tunggu, kelulusan, "
            "buku JP (hak dan kewajiban 20 JP per tahun) dan kebutuhan per kursus. / "
            "Training catalog, sessions, enrolment with a waitlist, completions, the JP "
            "ledger (the 20 JP a year right and duty) and demand per course.\n\n"
            "Roles: every authenticated caller reads the catalog and sessions; a province "
            "admin or a service curates them. Agency operators enrol and record completions "
            "for the employees of their agencies and read their agencies' ledgers and "
            "compliance; employees read their own. Out of scope looks like absent (404)."
        ),
        routers=[
            courses.router,
            sessions.router,
            enrolments.router,
            completions.router,
            compliance.router,
            xapi.router,
        ],
        verifier=verifier,
        bus=bus,
        errors={
            InvalidCourse: ErrorKind(422, "Data kursus tidak valid"),
            InvalidSession: ErrorKind(422, "Data angkatan pelatihan tidak valid"),
            InvalidCompletion: ErrorKind(422, "Data kelulusan pelatihan tidak valid"),
            EnrolmentRefused: ErrorKind(409, "Pendaftaran ini tidak dapat dilakukan"),
            IntegrityError: CONCURRENT_CHANGE,
        },
    )
    app.state.clock = clock
    return app
