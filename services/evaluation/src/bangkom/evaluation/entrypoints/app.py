"""The REST application of the evaluation service."""

from __future__ import annotations

from fastapi import FastAPI

from bangkom.evaluation.domain.agency import InvalidAgency
from bangkom.evaluation.domain.case_import import InvalidCasePackage
from bangkom.evaluation.domain.competency import InvalidCompetency
from bangkom.evaluation.domain.framework import InvalidFramework
from bangkom.evaluation.domain.imports import InvalidFile
from bangkom.evaluation.domain.training_evaluation import InvalidEvaluation
from bangkom.evaluation.entrypoints.api import (
    agencies,
    case,
    employees,
    framework,
    framework_drafts,
    imports,
    positions,
    reports,
    results,
    training_evaluations,
)
from bangkom.evaluation.entrypoints.import_runner import ImportRunner
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.kernel.nip import InvalidNip
from bangkom.platform.auth.tokens import TokenVerifier
from bangkom.platform.bus import MessageBus
from bangkom.platform.web.app import create_app
from bangkom.platform.web.errors import ErrorKind


def create_api(
    bus: MessageBus[EvaluationUnitOfWork],
    verifier: TokenVerifier,
    *,
    import_runner: ImportRunner,
    case_base_uri: str,
) -> FastAPI:
    app = create_app(
        title="bangkom evaluation",
        description=(
            "Kamus kompetensi, jabatan dan standar kompetensinya, data pegawai (ASN), "
            "serta hasil penilaian kompetensi. / Competency framework, positions and "
            "standards, the roster, and assessment results."
        ),
        routers=[
            agencies.router,
            framework.router,
            framework_drafts.router,
            positions.router,
            reports.router,
            employees.router,
            results.router,
            imports.router,
            training_evaluations.router,
            case.router,
        ],
        verifier=verifier,
        bus=bus,
        errors={
            InvalidNip: ErrorKind(422, "NIP atau NI PPPK tidak valid"),
            InvalidCompetency: ErrorKind(422, "Kompetensi tidak valid"),
            InvalidAgency: ErrorKind(422, "Instansi tidak valid"),
            InvalidFramework: ErrorKind(422, "Kamus kompetensi tidak valid"),
            InvalidCasePackage: ErrorKind(422, "Paket CASE tidak dapat diadopsi"),
            InvalidFile: ErrorKind(422, "Berkas tidak dapat dibaca"),
            InvalidEvaluation: ErrorKind(422, "Evaluasi pascapelatihan tidak valid"),
        },
    )
    app.state.import_runner = import_runner
    app.state.case_base_uri = case_base_uri
    return app
