"""Reports HR offices file, as CSV or XLSX with headers in Bahasa Indonesia: the
post-training evaluations (L1-L4) and the roster with each employee's job-person match.
Each is scoped and filtered like its JSON list (`/training-evaluations`, `/employees`)
and read and written a page at a time: a province's roster is 200,000 rows."""

from __future__ import annotations

from fastapi import Response

from bangkom.evaluation.domain.roster_search import RosterSearch
from bangkom.evaluation.domain.training_evaluation import (
    EvaluationStatus,
    KirkpatrickLevel,
    LevelRecord,
    TrainingEvaluation,
)
from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.entrypoints.api.employees import SearchQuery
from bangkom.evaluation.handlers import queries
from bangkom.evaluation.handlers.queries import RosterEntry
from bangkom.kernel.jpm import JpmBand, jpm_band
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.clock import utc_now
from bangkom.platform.web.routing import ServiceRouter
from bangkom.platform.web.spreadsheets import (
    AGENCY,
    DATE_TIME,
    NAME,
    NIP,
    ONE_DECIMAL,
    WHOLE,
    Cell,
    Column,
    Format,
    Row,
    Table,
    download,
    download_responses,
    paged,
)

router = ServiceRouter(tags=["reports"])

# Each employee's results are read with the page: fewer employees a page than other reports.
ROSTER_PAGE_ROWS = 1000

ROSTER_TABLE = Table(
    sheet="Daftar pegawai dan JPM",
    columns=(
        NIP,
        NAME,
        Column("Jenis kepegawaian", 18),
        AGENCY,
        Column("Kode jabatan", 26),
        Column("Jabatan", 32),
        Column("NIP atasan", 21),
        Column("Aktif", 7),
        Column("JPM (%)", 9, ONE_DECIMAL),
        Column("Kategori JPM", 16),
        Column("Kompetensi dinilai", 18, WHOLE),
        Column("Kompetensi dipersyaratkan", 25, WHOLE),
    ),
)
JPM_LABELS = {
    JpmBand.OPTIMAL: "Optimal",
    JpmBand.CUKUP_OPTIMAL: "Cukup optimal",
    JpmBand.KURANG_OPTIMAL: "Kurang optimal",
}
EVALUATIONS_TABLE = Table(
    sheet="Evaluasi pascapelatihan",
    columns=(
        Column("ID evaluasi", 38),
        NIP,
        AGENCY,
        Column("Kode pelatihan", 16),
        Column("Kompetensi", 20),
        Column("Selesai pelatihan", 17, DATE_TIME),
        Column("Jatuh tempo L3", 17, DATE_TIME),
        Column("Status", 13),
        Column("L1 dicatat", 17, DATE_TIME),
        Column("L1 skor reaksi", 14, ONE_DECIMAL),
        Column("L2 dicatat", 17, DATE_TIME),
        Column("L2 pra-tes", 11, ONE_DECIMAL),
        Column("L2 pasca-tes", 12, ONE_DECIMAL),
        Column("L2 level kompetensi", 20),
        Column("L3 dicatat", 17, DATE_TIME),
        Column("L3 level kompetensi", 20),
        Column("L3 catatan", 40),
        Column("L4 dicatat", 17, DATE_TIME),
        Column("L4 skor", 9, ONE_DECIMAL),
        Column("L4 catatan", 40),
    ),
)
STATUS_LABELS = {
    EvaluationStatus.UPCOMING: "Akan datang",
    EvaluationStatus.DUE: "Jatuh tempo",
    EvaluationStatus.OVERDUE: "Terlambat",
    EvaluationStatus.COMPLETED: "Selesai",
}


def roster_row(entry: RosterEntry) -> Row:
    employee, jpm = entry.employee, entry.jpm
    measured = (percent := jpm.jpm) is not None
    return [
        employee.nip,
        employee.name,
        employee.employment_type.value,
        employee.agency_code,
        employee.position_code,
        entry.position_name,
        employee.supervisor_nip,
        "Ya" if employee.active else "Tidak",
        percent,
        JPM_LABELS[jpm_band(percent)] if percent is not None else None,
        jpm.assessed if measured else None,
        jpm.competencies if measured else None,
    ]


def _levels(record: LevelRecord | None) -> str | None:
    """Levels measured per competency, as "M.05: 3, M.01: 2"."""
    if record is None or not record.competency_levels:
        return None
    return ", ".join(f"{code}: {level}" for code, level in sorted(record.competency_levels.items()))


def evaluation_row(evaluation: TrainingEvaluation, status: EvaluationStatus) -> Row:
    reaction, learning, behaviour, results = (
        evaluation.records.get(level) for level in KirkpatrickLevel
    )

    def at(record: LevelRecord | None) -> Cell:
        return record.recorded_at if record else None

    return [
        evaluation.id,
        evaluation.nip,
        evaluation.agency_code,
        evaluation.course_code,
        ", ".join(evaluation.competencies),
        evaluation.completed_at,
        evaluation.due_at,
        STATUS_LABELS[status],
        at(reaction),
        reaction.score if reaction else None,
        at(learning),
        learning.pre_score if learning else None,
        learning.score if learning else None,
        _levels(learning),
        at(behaviour),
        _levels(behaviour),
        behaviour.note if behaviour else None,
        at(results),
        results.score if results else None,
        results.note if results else None,
    ]


@router.get(
    "/employees.{file_format}",
    summary="The roster with each employee's job-person match (JPM), as CSV or XLSX",
    description="The employees `GET /employees` lists (the caller's agencies and those "
    "below them; an employee: themself), every one of them, each with the JPM of their "
    "profile (`GET /employees/{nip}/profile`).",
    response_class=Response,
    responses=download_responses(),
)
async def roster_download(
    file_format: Format,
    caller: CallerDep,
    bus: BusDep,
    active: bool | None = None,
    q: SearchQuery = None,
) -> Response:
    search = RosterSearch.of(q)

    async def read(offset: int, limit: int) -> list[RosterEntry]:
        async with bus.uow_factory() as uow:
            return await queries.roster_with_jpm(
                uow, caller, active=active, limit=limit, offset=offset, search=search
            )

    entries = await paged(read, ROSTER_PAGE_ROWS)
    return await download(
        ROSTER_TABLE, file_format, (roster_row(e) async for e in entries), "daftar-pegawai-jpm"
    )


@router.get(
    "/training-evaluations.{file_format}",
    summary="Post-training evaluations (L1-L4) of the caller's agencies, as CSV or XLSX",
    description="The evaluations `GET /training-evaluations` lists, every one of them, "
    "with the status of the moment the download starts.",
    response_class=Response,
    responses=download_responses(),
)
async def training_evaluations_download(
    file_format: Format,
    caller: CallerDep,
    bus: BusDep,
    status: EvaluationStatus | None = None,
) -> Response:
    now = utc_now()  # one moment for every page: a status does not change mid-report

    async def read(offset: int, limit: int) -> list[TrainingEvaluation]:
        async with bus.uow_factory() as uow:
            return await queries.list_training_evaluations(
                uow, caller, status=status, now=now, limit=limit, offset=offset
            )

    evaluations = await paged(read)
    name = "-".join(["evaluasi-pascapelatihan", *([status] if status else [])])
    return await download(
        EVALUATIONS_TABLE,
        file_format,
        (evaluation_row(e, e.status(now)) async for e in evaluations),
        name,
    )
